using System.Reflection;
using Xunit;

namespace McpRegistryAuth.Core.Tests.RealWorld;

/// <summary>
/// The upstream projects' own files in ../shared/realworld beside the repository (see its README.md): read in
/// place, never copied into the repository. Tests over them report themselves skipped where it is absent.
/// </summary>
internal static class RealWorldFiles
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(
        typeof(RealWorldFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!, "..", "shared", "realworld"));

    public static bool Present => Directory.Exists(Root);

    public const string Absent = "../shared/realworld is not beside the repository";

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The files under a folder of the collection (and its subfolders), relative to the collection, in ordinal order; none when absent.</summary>
    public static IReadOnlyList<string> FilesUnder(string folder, string pattern)
    {
        var directory = PathOf(folder);
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, pattern, SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    public static TheoryData<string> Theory(IEnumerable<string> rows)
    {
        var data = new TheoryData<string>();
        foreach (var row in rows) data.Add(row);
        return data;
    }
}

/// <summary>A fact over ../shared/realworld, skipped where it is absent.</summary>
public sealed class RealWorldFactAttribute : FactAttribute
{
    public RealWorldFactAttribute()
    {
        if (!RealWorldFiles.Present) Skip = RealWorldFiles.Absent;
    }
}

/// <summary>A theory over ../shared/realworld, skipped where it is absent.</summary>
public sealed class RealWorldTheoryAttribute : TheoryAttribute
{
    public RealWorldTheoryAttribute()
    {
        if (!RealWorldFiles.Present) Skip = RealWorldFiles.Absent;
    }
}
