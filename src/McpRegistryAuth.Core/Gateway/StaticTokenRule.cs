using System.Security.Cryptography;
using System.Text;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// The registry static-token block of /validate (server.py:3204-3268): it runs only when the feature is
/// on, the path is a registry API path and no session cookie is present; a "Bearer " credential is
/// stripped and compared in constant time with every entry; the first match in map order wins.
/// Anything else passes the request on to the session and JWT stages.
/// </summary>
public static class StaticTokenRule
{
    public static StaticStageOutcome Evaluate(GatewayRequest request, StaticTokenConfig config, GatewayCredential credential)
    {
        var checks = new List<Check>();
        var path = request.Path;

        checks.Add(new Check(
            GatewayCheckNames.StaticTokenEnabled,
            config.Enabled,
            config.Enabled ? $"enabled with {config.Entries.Count} key(s): {string.Join(", ", config.Entries.Select(e => e.Name))}" : config.DisabledReason ?? "REGISTRY_STATIC_TOKEN_AUTH_ENABLED is not 'true'",
            "static-token auth enabled with at least one key",
            config.Enabled ? null : config.FlagEnabled ? "See the Findings for why the server turned the feature off." : "Set REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true and restart the auth server."));

        var isApi = GatewayPaths.IsRegistryApi(path, config.RootPath);
        checks.Add(new Check(
            GatewayCheckNames.StaticTokenPathMatch,
            isApi,
            request.Url is null ? "no request URL (X-Original-URL missing)" : $"path '{path}'",
            $"prefix '{config.RootPath}/api/' or '{config.RootPath}/v0.1/' (case-sensitive)",
            isApi ? null : "Static tokens are accepted only on registry API paths; MCP server paths always need an IdP or self-signed token."));

        var hasCookie = GatewayPaths.HasSessionCookie(request);
        checks.Add(new Check(
            GatewayCheckNames.StaticTokenNoSessionCookie,
            !hasCookie,
            hasCookie ? $"Cookie holds '{GatewayPaths.SessionCookieName}='" : "no session cookie",
            $"no '{GatewayPaths.SessionCookieName}=' anywhere in Cookie",
            hasCookie ? "Any mcp_gateway_session cookie, valid or stale, turns static tokens off for the request: drop the Cookie header in CLI calls." : null));

        if (!config.Enabled || !isApi || hasCookie)
        {
            return new StaticStageOutcome(checks);
        }

        checks.Add(BearerHeader.PrefixCheck(GatewayCheckNames.StaticTokenBearerScheme, credential.Value, credential.HeaderName));
        if (!BearerHeader.HasBearerPrefix(credential.Value))
        {
            return new StaticStageOutcome(checks);
        }

        var (token, stripCheck) = BearerHeader.StripToken(credential.Value!, GatewayCheckNames.StaticTokenStrip);
        checks.Add(stripCheck);

        var match = FindMatch(token, config.Entries);
        checks.Add(new Check(
            GatewayCheckNames.StaticTokenMatch,
            match is not null,
            match is null ? $"token {token.Fingerprint} matches no key" : $"token {token.Fingerprint} matches '{match.Name}'",
            $"one of {string.Join(", ", config.Entries.Select(e => $"'{e.Name}' {e.Key.Fingerprint}"))}",
            match is null ? "A wrong static token is not refused here: it falls through to JWT validation and ends as 401 'Token validation failed'." : null));

        return new StaticStageOutcome(checks, match);
    }

    /// <summary>Compares against every entry without stopping early, as the server does with hmac.compare_digest.</summary>
    internal static StaticKeyEntry? FindMatch(Secret token, IReadOnlyList<StaticKeyEntry> entries)
    {
        var presented = Encoding.UTF8.GetBytes(token.Reveal());
        StaticKeyEntry? first = null;
        foreach (var entry in entries)
        {
            var equal = CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(entry.Key.Reveal()));
            if (equal && first is null)
            {
                first = entry;
            }
        }

        return first;
    }
}
