using System.Globalization;
using System.Text.Json;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>
/// A token file as the gateway's tools read it: a JSON object's <c>access_token</c>, else the nested
/// <c>tokens.access_token</c> (what <c>/api/tokens/generate</c> answers), with <c>expires_at</c> as epoch
/// seconds (ingress.json, egress files) or an ISO-8601 string (<c>&lt;agent&gt;-token.json</c>, "Z" read as
/// +00:00); or, when the file is not JSON, the text stripped. Errors name the file, never its content.
/// </summary>
public sealed record GatewayTokenFileContent
{
    public required Secret Token { get; init; }

    /// <summary>"access_token", "tokens.access_token" or "text".</summary>
    public required string Field { get; init; }

    /// <summary>Null when the file has no expires_at (the tools then use the token as it is).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Why an expires_at present in the file could not be read; null when it could or is absent.</summary>
    public string? ExpiresAtProblem { get; init; }

    public string? Provider { get; init; }

    /// <exception cref="FileContentException">The file is empty, not a JSON object, or has no access token.</exception>
    public static GatewayTokenFileContent Read(string path)
    {
        var content = TextFileContent.Read(path, maxBytes: 1024 * 1024);
        var text = content.Text;
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
        }

        if (document is null)
        {
            var stripped = PythonText.Strip(text);
            return stripped.Length == 0
                ? throw new FileContentException(path, "TokenFileEmpty", $"The token file '{path}' is empty.")
                : new GatewayTokenFileContent { Token = new Secret(stripped), Field = "text" };
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FileContentException(path, "TokenFileNotObject", $"The token file '{path}' holds a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object with access_token.");
            }

            var (token, field) = String(root, "access_token") is { Length: > 0 } top ? (top, "access_token")
                : root.TryGetProperty("tokens", out var tokens) && String(tokens, "access_token") is { Length: > 0 } nested ? (nested, "tokens.access_token")
                : throw new FileContentException(path, "TokenFileNoAccessToken", $"The token file '{path}' has no access_token (nor tokens.access_token).");
            var (expiresAt, problem) = root.TryGetProperty("expires_at", out var expires) ? ExpiresAtOf(expires) : (null, null);
            return new GatewayTokenFileContent
            {
                Token = new Secret(token), Field = field, ExpiresAt = expiresAt, ExpiresAtProblem = problem, Provider = String(root, "provider"),
            };
        }
    }

    /// <summary>expires_at as the token refresher reads it: a number of epoch seconds, or an ISO-8601 string ("Z" as +00:00, no zone as UTC).</summary>
    public static (DateTimeOffset? At, string? Problem) ExpiresAtOf(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return (null, null);
            case JsonValueKind.Number when value.TryGetDouble(out var seconds) && Math.Abs(seconds) < 253402300799d:
                return (DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)), null);
            case JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at):
                return (at, null);
            default:
                return (null, $"expires_at is not epoch seconds or an ISO-8601 time (JSON {value.ValueKind.ToString().ToLowerInvariant()})");
        }
    }

    private static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
