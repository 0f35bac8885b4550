using System.Reflection;
using System.Runtime.Loader;

namespace McpRegistryAuth.Loading;

/// <summary>
/// The module's private load context. It serves every assembly found in Dependencies/ (the core and
/// its third-party packages) and defers everything else, framework and $PSHOME assemblies included,
/// to the default context, so the core's YamlDotNet or MSAL never meets another module's copy.
/// </summary>
public sealed class DependencyLoadContext : AssemblyLoadContext
{
    public const string ContextName = "McpRegistryAuth";

    private readonly string dependenciesDirectory;

    public DependencyLoadContext(string dependenciesDirectory)
        : base(ContextName, isCollectible: false)
    {
        this.dependenciesDirectory = dependenciesDirectory;
    }

    public string DependenciesDirectory => dependenciesDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || IsFrameworkAssembly(assemblyName.Name))
        {
            return null;
        }

        var candidate = Path.Combine(dependenciesDirectory, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }

    // The runtime's trusted platform assemblies must keep one identity across contexts.
    private static bool IsFrameworkAssembly(string name)
    {
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is not string tpa)
        {
            return false;
        }

        foreach (var path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (string.Equals(Path.GetFileNameWithoutExtension(path), name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
