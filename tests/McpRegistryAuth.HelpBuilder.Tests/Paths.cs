using System.Reflection;

namespace McpRegistryAuth.HelpBuilder.Tests;

/// <summary>Where the repository, the built module and the fixtures are, as the build recorded them.</summary>
internal static class Paths
{
    public static string RepoRoot => Metadata("RepoRoot");

    public static string ModuleOutputRoot => Metadata("ModuleOutputRoot");

    public static string Docs => Path.Combine(RepoRoot, "docs");

    public static string CommittedHelp => Path.Combine(RepoRoot, "en-US");

    public static string FixtureDocs => Path.Combine(AppContext.BaseDirectory, "Fixtures", "docs");

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(FixtureDocs, name));

    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
