using System.Text.RegularExpressions;

namespace McpRegistryAuth.Core.Files;

/// <summary>
/// Removes temporary files of this module's own naming (<c>.&lt;name&gt;.&lt;32 hex&gt;.tmp</c>) that a
/// crash left in a folder: they are mode 0600 but may hold a new token. Only files older than a few
/// minutes go, so a write in flight in another process keeps its temporary file.
/// </summary>
public static partial class StaleTempFiles
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(5);

    /// <summary>Returns the names removed; a file that cannot be removed is left as it is.</summary>
    public static IReadOnlyList<string> Clean(string directory)
    {
        var removed = new List<string>();
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, ".*.tmp").ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return removed;
        }

        var cutoff = DateTime.UtcNow - MinimumAge;
        foreach (var path in candidates)
        {
            var name = Path.GetFileName(path);
            if (!TempName().IsMatch(name))
            {
                continue;
            }

            try
            {
                var status = FileStatus.Of(path, followLinks: false);
                if (status.Kind != FileKind.Regular || File.GetLastWriteTimeUtc(path) > cutoff)
                {
                    continue;
                }

                File.Delete(path);
                removed.Add(name);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return removed;
    }

    /// <summary>The name <see cref="AtomicFileWriter"/> gives its temporary files.</summary>
    public static string NameFor(string targetName) => $".{targetName}.{Guid.NewGuid():N}.tmp";

    [GeneratedRegex("^\\..+\\.[0-9a-f]{32}\\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TempName();
}
