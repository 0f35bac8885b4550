using System.Reflection;
using System.Runtime.Loader;

namespace McpRegistryAuth.Loading;

/// <summary>
/// The <see cref="AssemblyLoadContext.Default"/> Resolving handler. It answers only for the core's
/// name, loading it into the private context; every other request is left to other handlers.
/// Holds no PowerShell type so it can be tested without a runspace.
/// </summary>
public sealed class DependencyResolver
{
    public const string CoreAssemblyName = "McpRegistryAuth.Core";

    public DependencyResolver(string dependenciesDirectory)
    {
        LoadContext = new DependencyLoadContext(dependenciesDirectory);
    }

    public DependencyLoadContext LoadContext { get; }

    public Assembly? Resolve(AssemblyLoadContext requestingContext, AssemblyName assemblyName)
    {
        if (!string.Equals(assemblyName.Name, CoreAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        return LoadContext.LoadFromAssemblyName(assemblyName);
    }

    public void Register() => AssemblyLoadContext.Default.Resolving += Resolve;

    public void Unregister() => AssemblyLoadContext.Default.Resolving -= Resolve;
}
