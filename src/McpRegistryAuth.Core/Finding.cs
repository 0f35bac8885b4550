namespace McpRegistryAuth.Core;

/// <summary>
/// One problem in a file or setting. Message is the server's own text where it has one;
/// ExactText is true only when Message is that text byte for byte as the reference quotes it.
/// </summary>
public sealed record Finding
{
    public required FindingSeverity Severity { get; init; }

    /// <summary>Stable code such as <c>GW001</c> or <c>THV012</c>.</summary>
    public required string Code { get; init; }

    /// <summary>URL user-info (a password) is always shown as <c>***</c>.</summary>
    public required string Message { get => message; init => message = UrlUserInfo.Redact(value); }

    public bool ExactText { get; init; }

    public string? File { get; init; }

    public int? Line { get; init; }

    public int? Column { get; init; }

    /// <summary>Path of the value inside its document, e.g. <c>auth.oauth.providers[0].issuerUrl</c> or an environment variable name.</summary>
    public string? Path { get; init; }

    public string? Fix { get => fix; init => fix = UrlUserInfo.RedactOrNull(value); }

    private readonly string message = "";
    private readonly string? fix;

    public override string ToString()
    {
        var where = File is null ? "" : Line is null ? $"{File}: " : $"{File}:{Line}: ";
        var fix = Fix is null ? "" : $" Fix: {Fix}";
        return $"{where}{Severity} {Code}: {Message}{fix}";
    }
}
