using System.Reflection;

namespace McpRegistryAuth.Loading;

/// <summary>
/// The runtime's trusted platform assemblies (the framework and $PSHOME), by simple name, with the
/// version each file carries. Read once; a version is read from a file's metadata when first asked.
/// </summary>
internal static class TrustedPlatformAssemblies
{
    private static readonly Lazy<Dictionary<string, string>> Paths = new(ReadPaths);
    private static readonly Dictionary<string, Version?> Versions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The version of the trusted platform assembly of that name; null when there is none.</summary>
    public static Version? VersionOf(string name)
    {
        if (!Paths.Value.TryGetValue(name, out var path))
        {
            return null;
        }

        lock (Versions)
        {
            if (!Versions.TryGetValue(name, out var version))
            {
                // An unreadable file still counts as the framework's: defer to the default context as before.
                try
                {
                    version = AssemblyName.GetAssemblyName(path).Version ?? new Version(0, 0);
                }
                catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException)
                {
                    version = new Version(int.MaxValue, 0);
                }

                Versions[name] = version;
            }

            return version;
        }
    }

    private static Dictionary<string, string> ReadPaths()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
            }
        }

        return paths;
    }
}
