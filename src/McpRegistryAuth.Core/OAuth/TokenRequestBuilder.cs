using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Turns explicit parameters and an optional profile into a token request and the header the token is sent
/// in: explicit values win, the profile fills the rest, and the provider is inferred from the URL when
/// neither names it. The secret is read here, from where the profile says it is.
/// </summary>
public static class TokenRequestBuilder
{
    /// <param name="given">The parameters given explicitly.</param>
    /// <param name="profile">The profile named by -Profile, if any.</param>
    /// <param name="resolvePath">Resolves a user path against the caller's current location.</param>
    public static (ClientCredentialsRequest Request, string HeaderName) Build(TokenParameters given, McpProfile? profile, Func<string, string> resolvePath)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(resolvePath);
        var authority = ParseUrl(given.Authority ?? (given.TokenEndpoint is null ? profile?.Authority : null), "Authority");
        var tokenEndpoint = ParseUrl(given.TokenEndpoint ?? (given.Authority is null ? profile?.TokenEndpoint : null), "TokenEndpoint");
        var provider = Parse<OAuthProvider>(given.Provider) ?? profile?.Provider ?? (authority ?? tokenEndpoint) switch
        {
            { } url => ProviderRules.Infer(url),
            null => OAuthProvider.Oidc,
        };
        var clientId = given.ClientId ?? profile?.ClientId ?? throw new CommandFailureException("ClientIdMissing", FailureCategory.InvalidArgument,
            "No client id: pass -ClientId (or -Credential, whose user name is the client id), or a profile that names one.", null, "Pass -ClientId.");
        var keyPath = given.PrivateKeyPath ?? (given.SigningKey is null && given.ClientSecret is null && given.ClientSecretFile is null ? profile?.PrivateKeyPath : null);
        var signingKey = given.SigningKey ?? (keyPath is null ? null : ClientSigningKey.FromPemFile(resolvePath(keyPath)));
        var secret = signingKey is null ? given.ClientSecret ?? ReadSecret(given.ClientSecretFile, profile, resolvePath) : null;
        var authentication = signingKey is not null
            ? ClientAuthentication.PrivateKeyJwt
            : Parse<ClientAuthentication>(given.ClientAuthentication) ?? profile?.ClientAuthentication ?? DefaultAuthentication(provider);
        var caCertPath = given.CaCertPath ?? profile?.CaCertPath;
        var request = new ClientCredentialsRequest
        {
            Authority = authority,
            TokenEndpoint = tokenEndpoint,
            Provider = provider,
            ClientId = clientId,
            ClientSecret = secret,
            SigningKey = signingKey,
            Authentication = authentication,
            Scopes = given.Scopes ?? profile?.Scopes ?? [],
            Audience = given.Audience ?? profile?.Audience,
            Trust = TrustRoots.FromOptionalPemFile(caCertPath is null ? null : resolvePath(caCertPath)),
            Timeout = given.Timeout,
            ForceRefresh = given.ForceRefresh,
            RefreshMargin = given.RefreshMargin,
            CachePath = given.NoCache ? null : given.CachePath ?? TokenCacheFile.DefaultPath,
        };
        return (request, HeaderName(given, profile));
    }

    /// <summary>Auth0's machine-to-machine applications default to client_secret_post; RFC 6749 makes Basic the one every server supports.</summary>
    public static ClientAuthentication DefaultAuthentication(OAuthProvider provider) =>
        provider == OAuthProvider.Auth0 ? ClientAuthentication.ClientSecretPost : ClientAuthentication.ClientSecretBasic;

    private static string HeaderName(TokenParameters given, McpProfile? profile)
    {
        var style = Parse<HeaderStyle>(given.HeaderStyle) ?? profile?.HeaderStyle ?? HeaderStyle.Auto;
        if (style != HeaderStyle.Auto) return style == HeaderStyle.XAuthorization ? TokenHeaderRule.XAuthorization : TokenHeaderRule.Authorization;
        var registryType = Parse<RegistryType>(given.RegistryType) ?? profile?.RegistryType;
        var registryUri = ParseUrl(given.RegistryUri ?? profile?.RegistryUri, "RegistryUri");
        return registryType is { } type ? TokenHeaderRule.HeaderFor(type, registryUri) : TokenHeaderRule.Authorization;
    }

    private static Secret? ReadSecret(string? explicitFile, McpProfile? profile, Func<string, string> resolvePath)
    {
        var file = explicitFile ?? profile?.ClientSecretFile;
        if (file is not null)
        {
            var path = resolvePath(file);
            try
            {
                // The first line: files written by echo or editors end with a line break that is not part of the secret.
                var first = File.ReadLines(path).FirstOrDefault()?.TrimEnd('\r') ?? "";
                return first.Length > 0 ? new Secret(first) : throw new CommandFailureException("ClientSecretFileEmpty", FailureCategory.InvalidData,
                    $"The client secret file '{path}' is empty.", path, "Write the secret on the file's first line.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CommandFailureException("ClientSecretFileUnreadable", FailureCategory.ObjectNotFound, $"The client secret file '{path}' cannot be read: {ex.Message}", path,
                    "Check the path and that you may read the file.", ex);
            }
        }

        if (profile?.ClientSecretVariable is { } variable)
        {
            return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? new Secret(value) : throw new CommandFailureException("ClientSecretVariableEmpty",
                FailureCategory.ObjectNotFound, $"The environment variable '{variable}' that profile '{profile.Name}' names for the client secret is not set.", variable,
                $"Set {variable} in the environment of this session (a pipeline secret variable), or pass -ClientSecret.");
        }

        return null;
    }

    private static T? Parse<T>(string? value) where T : struct, Enum =>
        value is null ? null : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed
            : throw new CommandFailureException("InvalidSetting", FailureCategory.InvalidArgument, $"'{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}.", value, null);

    private static Uri? ParseUrl(string? value, string name)
    {
        if (value is null) return null;
        return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url
            : throw new CommandFailureException("InvalidUrl", FailureCategory.InvalidArgument, $"-{name} '{value}' is not an absolute http(s) URL.", value, $"Pass -{name} as https://host/path.");
    }
}
