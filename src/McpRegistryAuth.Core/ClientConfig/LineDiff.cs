using System.Text;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// A unified-style line diff of a file's old and new text, for -WhatIf: the lines that change, marked
/// "-" and "+", with up to two unchanged lines of context around each change.
/// </summary>
public static class LineDiff
{
    public static string Unified(string oldText, string newText, string path)
    {
        var a = Split(oldText);
        var b = Split(newText);
        // Longest common subsequence table: the files are small settings files.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Mark, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (y < b.Length && (x >= a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(('+', b[y++]));
            }
            else
            {
                lines.Add(('-', a[x++]));
            }
        }

        var output = new StringBuilder();
        output.Append("--- ").Append(path).Append('\n').Append("+++ ").Append(path).Append('\n');
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Mark == ' ') continue;
            for (var k = Math.Max(0, i - 2); k <= Math.Min(lines.Count - 1, i + 2); k++) keep[k] = true;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (!keep[i]) continue;
            if (i > 0 && !keep[i - 1]) output.Append("@@\n");
            output.Append(lines[i].Mark).Append(lines[i].Text).Append('\n');
        }

        return output.ToString();
    }

    private static string[] Split(string text) => text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
