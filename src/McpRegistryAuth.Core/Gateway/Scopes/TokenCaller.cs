using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The caller a token names for the access decision, read from its claims (not verified: Test-RegistryToken
/// does that) the way /validate reads them: the gateway's own tokens (iss mcp-auth-server) keep their scope
/// claim; an IdP's token has its groups mapped when it carries any, else its scope claim is used.
/// </summary>
public static class TokenCaller
{
    public static EffectiveScopes Resolve(ScopeDefinitions definitions, Secret token, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(token);
        var inspection = TokenInspector.Inspect(token, at);
        var method = AuthMethod(inspection.Issuer);
        var resolved = EffectiveScopeResolver.ForToken(definitions, method, null, inspection.Groups, inspection.Scopes);
        var read = new Check(ScopeCheckNames.TokenClaims, inspection.Kind == TokenKind.Jwt,
            inspection.Kind == TokenKind.Jwt
                ? $"token {token.Fingerprint} from {inspection.Issuer ?? "(no iss)"}: groups {Join(inspection.Groups)}, scopes {Join(inspection.Scopes)}"
                : $"token {token.Fingerprint} is not a JWT: it names no groups or scopes",
            "a JWT whose groups or scope claim name the caller");
        return resolved with { Checks = [read, .. resolved.Checks] };
    }

    /// <summary>The gateway's validation method for a token's issuer, as its auth method names it.</summary>
    public static string AuthMethod(string? issuer)
    {
        if (issuer == GatewayJwtTexts.SelfSignedIssuer) return "self_signed";
        return issuer is not null && Uri.TryCreate(issuer, UriKind.Absolute, out var url) && ProviderRules.Infer(url) is var provider && provider != OAuthProvider.Oidc
            ? provider.ToString().ToLowerInvariant()
            : "keycloak";
    }

    private static string Join(IReadOnlyList<string> values) => values.Count == 0 ? "(none)" : string.Join(", ", values);
}
