namespace McpRegistryAuth.Core;

/// <summary>
/// One rule a server evaluated, with what was seen and what the rule wanted.
/// Observed and Expected never hold a secret: tokens appear as their fingerprint.
/// </summary>
public sealed record Check(string Name, bool Passed, string? Observed = null, string? Expected = null, string? Hint = null)
{
    // URL user-info (a password) is hidden however a rule wrote its text.
    public string? Observed { get; init; } = UrlUserInfo.RedactOrNull(Observed);

    public string? Expected { get; init; } = UrlUserInfo.RedactOrNull(Expected);

    public string? Hint { get; init; } = UrlUserInfo.RedactOrNull(Hint);

    /// <summary>The one-line form written to the Verbose stream.</summary>
    public override string ToString()
    {
        var text = $"[{(Passed ? "PASS" : "FAIL")}] {Name}";
        if (Observed is not null) text += $": observed {Observed}";
        if (Expected is not null) text += $"; expected {Expected}";
        if (Hint is not null) text += $". {Hint}";
        return text;
    }
}
