using System.Globalization;
using System.Text;

namespace McpRegistryAuth.Core.Yaml;

/// <summary>
/// The dotted path of the node being loaded (<c>auth.publicPaths[1]</c>), kept as a stack of segments
/// and turned into text only when a Finding needs it, so loading a large file builds no path strings.
/// </summary>
internal sealed class YamlPathStack
{
    private const int UnknownKey = -1;

    // A segment is a key (Key set) or a sequence index (Key null, Index >= 0) or a complex key (Index -1).
    private (string? Key, int Index)[] segments = new (string?, int)[16];
    private int count;

    public void PushKey(string? key) => Push((key, key is null ? UnknownKey : 0));

    public void PushIndex(int index) => Push((null, index));

    public void Pop() => count--;

    /// <summary>The innermost key on the path (null at the root or inside a sequence item's own value).</summary>
    public string? LastKey => count > 0 ? segments[count - 1].Key : null;

    /// <summary>The path as findings name it: keys joined by '.', indexes as [i], a complex key as [?].</summary>
    public override string ToString()
    {
        var path = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var (key, index) = segments[i];
            if (key is not null)
            {
                // A key directly under the root (or under empty keys) starts the path without a dot.
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(key);
            }
            else if (index == UnknownKey)
            {
                path.Append("[?]");
            }
            else
            {
                path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }

        return path.ToString();
    }

    private void Push((string?, int) segment)
    {
        if (count == segments.Length)
        {
            Array.Resize(ref segments, count * 2);
        }

        segments[count++] = segment;
    }
}
