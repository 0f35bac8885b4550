using System.Reflection;
using System.Runtime.Loader;

namespace McpRegistryAuth.Loading;

/// <summary>
/// The module's private load context. It serves every assembly found in Dependencies/ (the core and
/// its third-party packages) and defers the rest, framework and $PSHOME assemblies included, to the
/// default context, so the core's YamlDotNet or MSAL never meets another module's copy.
/// </summary>
public sealed class DependencyLoadContext : AssemblyLoadContext
{
    public const string ContextName = "McpRegistryAuth";

    // The version of each file of Dependencies/, read once.
    private static readonly Dictionary<string, Version> PrivateVersions = new(StringComparer.Ordinal);

    private readonly string dependenciesDirectory;

    public DependencyLoadContext(string dependenciesDirectory)
        : base(ContextName, isCollectible: false)
    {
        this.dependenciesDirectory = dependenciesDirectory;
    }

    public string DependenciesDirectory => dependenciesDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null)
        {
            return null;
        }

        var candidate = Path.Combine(dependenciesDirectory, assemblyName.Name + ".dll");
        var privateVersion = File.Exists(candidate) ? VersionOf(candidate) : null;
        if (!ServesPrivately(privateVersion, TrustedPlatformAssemblies.VersionOf(assemblyName.Name)))
        {
            return null;
        }

        return LoadFromAssemblyPath(candidate);
    }

    /// <summary>
    /// Whether a request is answered from Dependencies/ rather than the default context. A framework
    /// assembly keeps one identity across contexts whenever the running framework's copy is as recent as
    /// the private one; only an older framework copy (System.Text.Json 8 under PowerShell 7.4, where the
    /// MCP SDK needs 10) gives way. Comparing with the private copy rather than with the version asked for
    /// keeps framework assemblies whose API carries another's types (System.Net.Http.Json carries
    /// System.Text.Json's) on the same side as that other one.
    /// </summary>
    /// <param name="privateVersion">The version of the file in Dependencies/; null when there is none.</param>
    /// <param name="frameworkVersion">The running framework's version of that name; null when it has none.</param>
    public static bool ServesPrivately(Version? privateVersion, Version? frameworkVersion) =>
        privateVersion is not null && (frameworkVersion is null || frameworkVersion < privateVersion);

    private static Version VersionOf(string path)
    {
        lock (PrivateVersions)
        {
            if (!PrivateVersions.TryGetValue(path, out var version))
            {
                version = AssemblyName.GetAssemblyName(path).Version ?? new Version(0, 0);
                PrivateVersions[path] = version;
            }

            return version;
        }
    }
}
