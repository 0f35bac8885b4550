using System.Security;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Output;

/// <summary>
/// An access token from Get-McpAccessToken. The token stays a SecureString; views and ToString show only
/// its fingerprint. Piped into Test-RegistryToken or Test-ScopeAccess it binds as their -Token.
/// </summary>
public sealed class McpAccessToken
{
    public McpAccessToken(SecureString token, string fingerprint)
    {
        Token = token;
        Fingerprint = fingerprint;
    }

    public SecureString Token { get; }

    public string TokenType { get; init; } = "Bearer";

    /// <summary>UTC.</summary>
    public DateTimeOffset ExpiresOn { get; init; }

    public string[] Scopes { get; init; } = [];

    public string? Issuer { get; init; }

    public string[] Audience { get; init; } = [];

    public string ClientId { get; init; } = "";

    /// <summary>Oidc, Keycloak, Okta, Auth0, Entra or Cognito.</summary>
    public string Provider { get; init; } = "";

    public string Flow { get; init; } = "";

    /// <summary>True when no request reached the IdP.</summary>
    public bool FromCache { get; init; }

    public string Fingerprint { get; }

    public override string ToString() => $"<token {Fingerprint}>";

    /// <exception cref="CommandFailureException">TokenTooLongForSecureString: the token has more characters than a SecureString holds.</exception>
    internal static McpAccessToken From(AccessTokenResult result) => new(ToSecureString(result), result.Fingerprint)
    {
        TokenType = result.TokenType,
        ExpiresOn = result.ExpiresOn,
        Scopes = result.Scopes.ToArray(),
        Issuer = result.Issuer,
        Audience = result.Audience.ToArray(),
        ClientId = result.ClientId,
        Provider = result.ProviderName ?? result.Provider.ToString(),
        Flow = result.Flow,
        FromCache = result.FromCache,
    };

    private static SecureString ToSecureString(AccessTokenResult result) => result.Token.Length <= TokenInput.SecureStringCapacity
        ? SecureStrings.ToSecureString(result.Token)
        : throw new CommandFailureException("TokenTooLongForSecureString", FailureCategory.LimitsExceeded,
            $"The access token {result.Token.Fingerprint} has {result.Token.Length} characters, more than a SecureString holds ({TokenInput.SecureStringCapacity}).",
            result.Token.Fingerprint,
            "Run the command again with -AsPlainText (or -As Header -AsPlainText) to get it as text; unless -NoCache was given, the token cache answers without a new request.");
}
