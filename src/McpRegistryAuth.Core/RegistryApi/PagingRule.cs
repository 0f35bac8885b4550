using System.Text.RegularExpressions;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>Which listing routes page, how, and by how many items a page (the page sizes the servers' own clients use).</summary>
public static partial class PagingRule
{
    public static (PagingStyle Style, int PageSize) For(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var p = path.TrimEnd('/');
        if (p.EndsWith("/api/servers", StringComparison.Ordinal) || p.EndsWith("/api/agents", StringComparison.Ordinal) || p.EndsWith("/api/skills", StringComparison.Ordinal))
        {
            return (PagingStyle.LimitOffset, 20);
        }

        if (p.EndsWith("/api/virtual-servers", StringComparison.Ordinal)) return (PagingStyle.LimitOffset, 100);
        if (p.EndsWith("/api/iam/m2m-clients", StringComparison.Ordinal)) return (PagingStyle.LimitSkip, 500);
        if (p.EndsWith("/v0.1/servers", StringComparison.Ordinal) || ToolHiveListing().IsMatch(p)) return (PagingStyle.Cursor, 100);
        return (PagingStyle.None, 0);
    }

    // ToolHive's registry API lists servers, skills and plugins with the same cursor pattern.
    [GeneratedRegex(@"/registry/[^/]+/v0\.1/(servers|x/dev\.toolhive/(skills|plugins))$")]
    private static partial Regex ToolHiveListing();
}
