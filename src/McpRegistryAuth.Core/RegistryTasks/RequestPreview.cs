using System.Text;
using McpRegistryAuth.Core.RegistryApi;

namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>
/// The request a write would send, for -WhatIf and the confirmation prompt: method, URL, extra headers and the
/// body as encoded, with credential fields shown as fingerprints. The token itself is never part of it.
/// </summary>
public static class RequestPreview
{
    private static readonly string[] SecretHints = ["token", "secret", "password", "authorization", "api_key", "apikey", "credential"];

    public static string Describe(RegistryApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var b = new StringBuilder($"{request.Method} {request.Uri.AbsoluteUri}");
        foreach (var header in request.Headers) b.Append($" [{header.Key}: {header.Value}]");
        if (request.Body is { } body) b.Append($" {KindOf(body)}: {BodyText(body)}");
        return b.ToString();
    }

    /// <summary>True for a field name that carries a credential (a token, a secret, an auth header value).</summary>
    public static bool IsSecretField(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TokenFields.IsSecret(name) || SecretHints.Any(h => name.Contains(h, StringComparison.OrdinalIgnoreCase));
    }

    private static string KindOf(EncodedBody body) => body.ContentType == EncodedBody.FormType ? "form" : "json";

    private static string BodyText(EncodedBody body)
    {
        var text = Encoding.UTF8.GetString(body.Bytes);
        if (body.ContentType == EncodedBody.FormType) return MaskForm(text);
        try
        {
            return Encoding.UTF8.GetString(TokenFields.MaskJson(body.Bytes));
        }
        catch (System.Text.Json.JsonException)
        {
            return $"({body.Bytes.Length} bytes, not JSON)";
        }
    }

    private static string MaskForm(string form) => string.Join("&", form.Split('&').Select(pair =>
    {
        var eq = pair.IndexOf('=');
        if (eq < 0) return pair;
        var name = Uri.UnescapeDataString(pair[..eq]);
        return IsSecretField(name) ? $"{pair[..eq]}={TokenFields.Mask(Uri.UnescapeDataString(pair[(eq + 1)..]))}" : pair;
    }));
}
