using System.Text;

namespace McpRegistryAuth.Core.Go;

/// <summary>Go's <c>path.Clean</c>: lexical clean-up of a slash-separated path.</summary>
public static class GoPath
{
    public static string Clean(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var output = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (output.Count > 0 && output[^1] != "..")
                {
                    output.RemoveAt(output.Count - 1);
                }
                else if (!rooted)
                {
                    output.Add("..");
                }

                continue;
            }

            output.Add(segment);
        }

        var joined = new StringBuilder(rooted ? "/" : "").Append(string.Join('/', output)).ToString();
        return joined.Length == 0 ? "." : joined;
    }
}
