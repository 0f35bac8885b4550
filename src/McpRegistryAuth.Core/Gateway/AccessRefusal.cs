namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// A refusal /validate makes after the caller is authenticated (FGAC, the A2A invoke check, the token_kind
/// gate): identity, groups and scopes stay on the verdict to explain it, the detail is the server's, and the
/// client sees what nginx makes of the status.
/// </summary>
internal static class AccessRefusal
{
    /// <summary>The authenticated verdict turned into /validate's refusal; the last failed check decides unless <paramref name="decidedBy"/> names another.</summary>
    public static Verdict Of(Verdict authenticated, int status, string detail, IReadOnlyList<Check> checks, NginxLocation location, string? decidedBy = null)
    {
        decidedBy ??= checks.LastOrDefault(c => !c.Passed)?.Name;
        var hint = checks.LastOrDefault(c => c.Name == decidedBy && !c.Passed)?.Hint;
        return ValidateResponse.Refusal(authenticated, status, detail, location) with
        {
            Checks = checks,
            DecidedBy = decidedBy,
            Hints = hint is null || authenticated.Hints.Contains(hint) ? authenticated.Hints : [.. authenticated.Hints, hint],
        };
    }
}
