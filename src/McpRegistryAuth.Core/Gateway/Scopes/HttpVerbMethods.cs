namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// How a rule's <c>methods</c> grants an HTTP verb on a generic-proxy request (release 1.32,
/// validate_server_tool_access with is_http_verb): only the distinct <c>http:*</c> token is a wildcard
/// (<c>*</c> and <c>all</c> mean "every MCP method" and grant no verb), an explicit verb matches
/// case-insensitively, and a verb never falls through to <c>tools</c>. Python reads <c>"http:*" in methods</c>
/// first, then upper-cases every item of <c>methods</c>, so a None, number or boolean field, or a list item
/// that is not a string, raises and denies the request.
/// </summary>
public static class HttpVerbMethods
{
    /// <summary>The methods entry that grants every HTTP verb.</summary>
    public const string Wildcard = "http:*";

    /// <summary>The verbs a generic-proxy request can carry; GET, HEAD and OPTIONS are the ones that change nothing.</summary>
    public static IReadOnlyList<string> Verbs { get; } = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <summary>True for GET, HEAD and OPTIONS: the verbs a session cookie may send on a generic route.</summary>
    public static bool IsSafe(string verb) => verb.ToUpperInvariant() is "GET" or "HEAD" or "OPTIONS";

    /// <summary>The outcome of the methods test for one rule: granted through a listed verb or the wildcard, not granted, or a failure (reason set).</summary>
    public static ScopeGrantBranch? Test(DefinitionValue? methods, string verb, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(verb);
        failure = null;
        if (methods is null)
        {
            // server_config.get("methods", []) gives an empty list.
            return null;
        }

        var wildcard = methods.Contains(Wildcard);
        if (wildcard == Membership.Error)
        {
            failure = $"methods is {methods} ({methods.PythonType}); '{Wildcard}' in it raises TypeError";
            return null;
        }

        var upper = verb.ToUpperInvariant();
        var listed = false;
        switch (methods.Kind)
        {
            case DefinitionValueKind.List:
                foreach (var item in methods.Items)
                {
                    if (item.Kind != DefinitionValueKind.String)
                    {
                        failure = $"methods holds {item} ({item.PythonType}); upper-casing it for an HTTP verb raises AttributeError";
                        return null;
                    }

                    listed |= string.Equals(item.Text!.ToUpperInvariant(), upper, StringComparison.Ordinal);
                }

                break;
            case DefinitionValueKind.Mapping:
                foreach (var entry in methods.Entries)
                {
                    listed |= string.Equals(entry.Key.ToUpperInvariant(), upper, StringComparison.Ordinal);
                }

                break;
            case DefinitionValueKind.String:
                // Iterating a string gives its characters: no verb is one character long.
                listed = upper.Length == 1 && methods.Text!.ToUpperInvariant().Contains(upper[0], StringComparison.Ordinal);
                break;
        }

        return listed ? ScopeGrantBranch.HttpVerbListed : wildcard == Membership.Yes ? ScopeGrantBranch.HttpVerbWildcard : null;
    }
}
