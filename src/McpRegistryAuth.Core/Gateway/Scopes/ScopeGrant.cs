namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>The scope and rule that granted a request, and through which test. Substring is true when a string-valued field matched by substring rather than equality.</summary>
public sealed record ScopeGrant(string Scope, int RuleIndex, ScopeGrantBranch Branch, bool Substring, string? File, int? Line)
{
    public override string ToString()
    {
        var where = File is null ? "" : Line is null ? $" ({File})" : $" ({Path.GetFileName(File)}:{Line})";
        return $"{Scope}[{RuleIndex}] {Branch}{(Substring ? " (substring)" : "")}{where}";
    }
}
