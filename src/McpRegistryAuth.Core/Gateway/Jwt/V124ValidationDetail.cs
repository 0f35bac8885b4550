namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// Release 1.24's /validate answered a provider's ValueError with <c>f"Token validation failed: {e}"</c>, so its 401
/// detail carries the provider's message; later releases answer the bare "Token validation failed". The messages
/// reproduced are the provider factory's (auth_server/providers/factory.py, get_auth_provider) and the Keycloak and
/// Okta providers' wrapping of PyJWT's errors (validate_token: <c>f"Invalid token: {e}"</c>).
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

        // The provider reads the token's header before anything else can fail, so a token PyJWT cannot decode
        // fails there, inside the try that wraps PyJWT's errors.
        var decode = checks.LastOrDefault(c => c.Name == GatewayJwtCheckNames.Decode && !c.Passed);
        return decode is not null && provider is "keycloak" or "okta" ? $"Invalid token: {decode.Observed}" : null;
    }
}
