using System.Text.Json;
using System.Text.RegularExpressions;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>
/// What an error answer says, in one line: FastAPI's detail (a string, or the list of validation errors of a
/// 422), ToolHive's and nginx's error, or the title of an HTML page. Token fields are masked.
/// </summary>
public static partial class ServerMessage
{
    private const int MaxText = 300;

    public static string? Of(RegistryApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Body.Length == 0) return null;
        if (response.LooksLikeJson && TryJson(response.Body) is { } fromJson) return fromJson;
        var text = response.BodyText;
        if (HtmlTitle().Match(text) is { Success: true } title) return $"an HTML page titled '{title.Groups[1].Value.Trim()}'";
        text = text.Trim().ReplaceLineEndings(" ");
        return text.Length > MaxText ? text[..MaxText] + "..." : text;
    }

    /// <summary>FastAPI's 422 details, one "location: message" line each; empty when the body holds none.</summary>
    public static IReadOnlyList<string> ValidationDetails(RegistryApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var details = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Array)
            {
                return details;
            }

            foreach (var item in detail.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                var location = item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
                    ? string.Join('.', loc.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()))
                    : "(no location)";
                var message = item.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String ? msg.GetString() : item.GetRawText();
                var type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? $" [{t.GetString()}]" : "";
                details.Add($"{location}: {message}{type}");
            }
        }
        catch (JsonException)
        {
        }

        return details;
    }

    private static string? TryJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(TokenFields.MaskJson(body));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Clip(root.GetRawText());
            if (root.TryGetProperty("detail", out var detail))
            {
                return detail.ValueKind == JsonValueKind.String ? detail.GetString() : Clip(detail.GetRawText());
            }

            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var parts = new[] { error, description, message }.Where(p => !string.IsNullOrEmpty(p)).ToArray();
            return parts.Length > 0 ? string.Join(": ", parts) : Clip(root.GetRawText());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Clip(string text) => text.Length > MaxText ? text[..MaxText] + "..." : text;

    [GeneratedRegex("<title>([^<]*)</title>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTitle();
}
