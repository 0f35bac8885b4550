using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// ToolHive's multi-provider token decision (internal/auth/middleware.go): providers in config order, the first acceptance wins;
/// when all fail, 401 <c>invalid_token</c> with the server's WWW-Authenticate and body bytes. Each provider's
/// failure is the DEBUG line the server logs.
/// </summary>
public static class ToolHiveTokenVerdict
{
    public const string AllProvidersFailed = "all providers failed to validate token";
    public const string TokenValidationFailed = "token validation failed";
    public const string DefaultRealm = "mcp-registry";

    public static async Task<Verdict> EvaluateAsync(Secret token, IReadOnlyList<ToolHiveTokenProvider> providers, ToolHiveTokenValidator validator,
        DateTimeOffset at, string? realm = null, string? resourceUrl = null, CancellationToken cancellationToken = default)
    {
        var checks = new List<Check>();
        var hints = new List<string>();
        var notEvaluated = false;
        foreach (var provider in providers)
        {
            var outcome = await validator.ValidateAsync(provider, token, at, cancellationToken).ConfigureAwait(false);
            checks.Add(new Check(ToolHiveCheckNames.Provider, outcome.Accepted, provider.Name, "a provider that accepts the token"));
            checks.AddRange(outcome.Checks);
            if (outcome.Accepted)
            {
                var subject = outcome.Claims.TryGetValue("sub", out var sub) ? sub as string : null;
                return new Verdict
                {
                    RegistryType = RegistryType.ToolHive,
                    Status = 200,
                    AcceptedBy = $"Provider:{provider.Name}",
                    Identity = subject,
                    AuthMethod = outcome.Introspected ? "introspection" : "jwt",
                    Scopes = outcome.Claims.TryGetValue("scope", out var scope) && scope is string s ? s.Split(' ', StringSplitOptions.RemoveEmptyEntries) : null,
                    Checks = checks,
                    Hints = hints,
                    IsProvisional = notEvaluated,
                };
            }

            notEvaluated |= outcome.NotEvaluated;
            checks.Add(new Check(ToolHiveCheckNames.ProviderDebugLog, false, $"Provider failed to validate token provider={provider.Name} error={outcome.Error}", null));
            foreach (var hint in outcome.Hints)
            {
                var text = providers.Count > 1 ? $"[{provider.Name}] {hint}" : hint;
                if (!hints.Contains(text)) hints.Add(text);
            }
        }

        return new Verdict
        {
            RegistryType = RegistryType.ToolHive,
            Status = 401,
            Detail = AllProvidersFailed,
            WwwAuthenticate = Challenge(realm, "invalid_token", TokenValidationFailed, resourceUrl),
            Body = "{\"error\":\"" + TokenValidationFailed + "\"}\n",
            Checks = checks,
            Hints = hints,
            IsProvisional = notEvaluated,
        };
    }

    /// <summary>middleware.go writeError's header: realm (default only when empty), error, description, resource_metadata when a resource URL is set.</summary>
    public static string Challenge(string? realm, string error, string description, string? resourceUrl)
    {
        var r = Sanitize(string.IsNullOrEmpty(realm) ? DefaultRealm : realm);
        var header = $"Bearer realm=\"{r}\", error=\"{error}\", error_description=\"{Sanitize(description)}\"";
        var resource = Sanitize(resourceUrl ?? "");
        return resource.Length == 0 ? header : header + $", resource_metadata=\"{resource}/.well-known/oauth-protected-resource\"";
    }

    /// <summary>CR and LF removed, double quotes backslash-escaped; backslashes kept as they are.</summary>
    private static string Sanitize(string value) =>
        value.IndexOfAny(new[] { '\r', '\n', '"' }) < 0 ? value : value.Replace("\r", "").Replace("\n", "").Replace("\"", "\\\"");
}
