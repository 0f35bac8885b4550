using System.Globalization;
using System.Text.Json;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>
/// The page requests of a listing and its items: the first page's URL (with the page size unless the caller
/// gave one), the items of a page, and the next page's URL from the answer, by the route's style.
/// </summary>
public sealed class Pager(PagingStyle style, int pageSize)
{
    private static readonly string[] ItemKeys = ["items", "data", "results", "clients"];

    private string? lastCursor;

    public PagingStyle Style { get; } = style;

    public static Pager For(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var (style, size) = PagingRule.For(uri.AbsolutePath);
        return new Pager(style, size);
    }

    /// <summary>The first page's URL: the page size added unless the URL names one.</summary>
    public Uri First(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (Style == PagingStyle.None || QueryString.Get(uri, "limit") is not null) return uri;
        return QueryString.Set(uri, "limit", pageSize.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The items of a page: a top-level array, else the array named after the route (servers, agents, virtual_servers), a usual name, or the first array.</summary>
    public static IEnumerable<JsonElement> ItemsOf(JsonElement root, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (root.ValueKind == JsonValueKind.Array) return root.EnumerateArray();
        if (root.ValueKind != JsonValueKind.Object) return [root];
        var named = uri.AbsolutePath.TrimEnd('/').Split('/')[^1].Replace('-', '_');
        foreach (var key in ItemKeys.Prepend(named))
        {
            if (root.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array) return list.EnumerateArray();
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array) return property.Value.EnumerateArray();
        }

        return [root];
    }

    /// <summary>The next page's URL, or null when this page was the last.</summary>
    public Uri? Next(Uri current, JsonElement root, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(current);
        switch (Style)
        {
            case PagingStyle.LimitOffset:
            case PagingStyle.LimitSkip:
            {
                var position = Style == PagingStyle.LimitOffset ? "offset" : "skip";
                var start = int.TryParse(QueryString.Get(current, position), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
                var limit = int.TryParse(QueryString.Get(current, "limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : pageSize;
                if (itemCount == 0 || !HasMore(root, start + itemCount, itemCount, limit)) return null;
                return QueryString.Set(current, position, (start + itemCount).ToString(CultureInfo.InvariantCulture));
            }

            case PagingStyle.Cursor:
            {
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
                    || !metadata.TryGetProperty("nextCursor", out var cursor) || cursor.ValueKind != JsonValueKind.String || cursor.GetString() is not { Length: > 0 } next)
                {
                    return null;
                }

                // A server that hands back the same cursor would page for ever.
                if (next == lastCursor) return null;
                lastCursor = next;
                return QueryString.Set(current, "cursor", next);
            }

            default:
                return null;
        }
    }

    // has_next when the server says it; else total_count; else a full page means there may be more.
    private static bool HasMore(JsonElement root, int seen, int itemCount, int limit)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("has_next", out var hasNext) && hasNext.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return hasNext.GetBoolean();
            }

            if (root.TryGetProperty("total_count", out var total) && total.TryGetInt32(out var count))
            {
                return seen < count;
            }
        }

        return itemCount >= limit;
    }
}
