using System.Text.RegularExpressions;

namespace McpRegistryAuth.Core;

/// <summary>
/// Hides the user-info part of every URL in a text (<c>https://svc:pw@host</c> becomes
/// <c>https://***@host</c>): a password in an issuer, resource or introspection URL is a secret, and
/// Checks, Findings, Verbose lines and errors show URLs. Always <c>***</c>, never a fingerprint,
/// so nothing about the password is told.
/// </summary>
public static partial class UrlUserInfo
{
    public const string Mask = "***";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('@', StringComparison.Ordinal) ? UserInfo().Replace(text, "${scheme}" + Mask + "@") : text;
    }

    public static string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s@'""<>]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
