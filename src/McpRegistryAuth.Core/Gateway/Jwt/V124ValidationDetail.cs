namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// Release 1.24's /validate answered a provider's ValueError with <c>f"Token validation failed: {e}"</c>, so its 401
/// detail carries the provider's message; later releases answer the bare "Token validation failed". The messages
/// reproduced are the provider factory's (auth_server/providers/factory.py, get_auth_provider) and the five providers'
/// validate_token wrapping (PyJWT's errors as <c>f"Invalid token: {e}"</c>, expiry as "Token has expired", their own
/// errors as <c>f"Token validation failed: {e}"</c>), read from the stored keycloak.py, okta.py, auth0.py, entra.py and
/// cognito.py of the upstream repository; the text of a failed JWKS fetch (the requests library's error) is not.
/// </summary>
internal static class V124ValidationDetail
{
    private static readonly Dictionary<string, string> FactoryNames = new(StringComparer.Ordinal)
    {
        ["keycloak"] = "Keycloak", ["cognito"] = "Cognito", ["entra"] = "Entra ID", ["okta"] = "Okta", ["auth0"] = "Auth0",
    };

    public static Verdict Apply(Verdict verdict, IReadOnlyDictionary<string, string> environment)
    {
        if (verdict.Status != 401 || verdict.Detail != GatewayJwtTexts.ValidationFailed)
        {
            return verdict;
        }

        var provider = environment.TryGetValue("AUTH_PROVIDER", out var name) ? name : "cognito";
        var message = MessageFor(verdict.Checks, provider);
        if (message is null)
        {
            return verdict with { Warnings = [.. verdict.Warnings, "Release 1.24 appends the provider's error message to this detail (\"Token validation failed: ...\"); that message is not reproduced for this failure."] };
        }

        var detail = $"{GatewayJwtTexts.ValidationFailed}: {message}";
        return verdict with { Detail = detail, Body = ValidateResponse.DetailBody(detail) };
    }

    private static string? MessageFor(IReadOnlyList<Check> checks, string provider)
    {
        bool Failed(string name) => checks.Any(c => c.Name == name && !c.Passed);
        if (Failed(GatewayJwtCheckNames.Provider))
        {
            return $"Unknown auth provider: {provider}";
        }

        if (checks.LastOrDefault(c => c.Name == GatewayJwtCheckNames.ProviderSettings && !c.Passed) is { } settings && FactoryNames.TryGetValue(provider, out var display))
        {
            return $"Missing required {display} configuration: {settings.Observed!["missing ".Length..]}. Please set these environment variables.";
        }

        if (!FactoryNames.ContainsKey(provider))
        {
            return null;
        }

        // Every provider's validate_token wraps its work in one try: PyJWT's ExpiredSignatureError becomes
        // "Token has expired", any other PyJWT error "Invalid token: {e}", and anything else (its own ValueErrors
        // for the kid, a JWKS that cannot be fetched) "Token validation failed: {e}".
        var failed = checks.LastOrDefault(c => !c.Passed);
        return failed?.Name switch
        {
            GatewayJwtCheckNames.Decode => $"Invalid token: {failed.Observed}",
            GatewayJwtCheckNames.KeyId => failed.Observed == "<missing>" || failed.Observed == "\"\"" ? "Token validation failed: Token missing 'kid' in header" : "Invalid token: Key ID header parameter must be a string",
            GatewayJwtCheckNames.KeyLookup when failed.Observed is { Length: < 80 } kid => $"Token validation failed: No matching key found for kid: {kid}",
            GatewayJwtCheckNames.Algorithm => "Invalid token: The specified alg value is not allowed",
            GatewayJwtCheckNames.Signature => "Invalid token: Signature verification failed",
            GatewayJwtCheckNames.IssuedAt => failed.Hint?.StartsWith("Issued At claim", StringComparison.Ordinal) == true ? "Invalid token: Issued At claim (iat) must be an integer." : "Invalid token: The token is not yet valid (iat)",
            GatewayJwtCheckNames.NotBefore => failed.Hint?.StartsWith("Not Before claim", StringComparison.Ordinal) == true ? "Invalid token: Not Before claim (nbf) must be an integer." : "Invalid token: The token is not yet valid (nbf)",
            GatewayJwtCheckNames.Expiry => failed.Hint?.StartsWith("Expiration Time claim", StringComparison.Ordinal) == true ? "Invalid token: Expiration Time claim (exp) must be an integer." : "Token has expired",
            // Entra compares the issuer itself before PyJWT, with a message naming its list: not reproduced.
            GatewayJwtCheckNames.Issuer when provider != "entra" => failed.Observed == "<missing>" ? "Invalid token: Token is missing the \"iss\" claim" : "Invalid token: Invalid issuer",
            GatewayJwtCheckNames.Audience => failed.Observed == "<missing>" ? "Invalid token: Token is missing the \"aud\" claim"
                : failed.Hint?.StartsWith("Invalid claim format", StringComparison.Ordinal) == true ? "Invalid token: Invalid claim format in token" : "Invalid token: Audience doesn't match",
            GatewayJwtCheckNames.Groups when provider == "okta" => "Token validation failed: Invalid groups claim format: must contain only strings",
            _ => null,
        };
    }
}
