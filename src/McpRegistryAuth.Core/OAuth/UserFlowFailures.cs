using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Why a user sign-in or a refresh gave no token, with the next step. Never carries a secret: device codes,
/// authorization codes, refresh tokens and PKCE verifiers stay out of every message.
/// </summary>
public static class UserFlowFailures
{
    public static CommandFailureException DeviceFlowNotOffered(Uri authority, OAuthProvider provider) => new("DeviceFlowNotOffered", FailureCategory.NotImplemented,
        $"The IdP at {authority} offers no device authorization endpoint (RFC 8628), so it has no device-code sign-in.", authority.AbsoluteUri,
        provider == OAuthProvider.Cognito
            ? "Cognito has no device flow: use -Flow AuthorizationCode (with -NoBrowser on a host without a browser)."
            : "Enable the device flow at the IdP (Keycloak: the client's 'OAuth 2.0 Device Authorization Grant'; Okta: the Device Authorization grant of a native app) or use -Flow AuthorizationCode.");

    public static CommandFailureException AuthorizationCodeNotOffered(Uri authority) => new("AuthorizationEndpointMissing", FailureCategory.NotImplemented,
        $"The IdP at {authority} publishes no authorization endpoint, so a browser cannot sign in there.", authority.AbsoluteUri,
        "Check -Authority (the issuer URL), or use -Flow DeviceCode.");

    public static CommandFailureException DeviceCodeExpired(string clientId, DateTimeOffset expiredAt) => new("DeviceCodeExpired", FailureCategory.OperationTimeout,
        $"Nobody approved the device code for client '{clientId}' before it expired at {expiredAt:u}.", clientId,
        "Run the command again and enter the new code at the verification URL before it expires.");

    public static CommandFailureException SignInDeclined(string clientId, string said) => new("SignInDeclined", FailureCategory.PermissionDenied,
        $"The sign-in for client '{clientId}' was declined ({said}).", clientId,
        "Run the command again and approve the request; if the IdP refuses you, ask its administrator to assign you to the application.");

    /// <summary>The user did not finish signing in within -SignInTimeoutSec (the browser's redirect, or the device code's approval).</summary>
    public static CommandFailureException SignInTimeout(string clientId, TimeSpan waited, TokenFlow flow) => new("SignInTimeout", FailureCategory.OperationTimeout,
        flow == TokenFlow.DeviceCode
            ? $"Nobody approved the device code for client '{clientId}' within {waited.TotalSeconds:0} s (-SignInTimeoutSec)."
            : $"The browser did not come back to the loopback listener within {waited.TotalSeconds:0} s (-SignInTimeoutSec) for client '{clientId}'.", clientId,
        flow == TokenFlow.DeviceCode
            ? "Run the command again and enter the code at the verification URL in time; raise -SignInTimeoutSec (or leave it out: the code's own lifetime then decides)."
            : "Run the command again and finish the sign-in in the browser in time, or raise -SignInTimeoutSec; on a host without a browser use -NoBrowser and open the URL elsewhere, or -Flow DeviceCode.");

    public static CommandFailureException SignInFailed(string clientId, string said) => new("SignInFailed", FailureCategory.AuthenticationError,
        $"The IdP sent the browser back without a code for client '{clientId}' ({said}).", clientId,
        "Check the client's settings at the IdP: the redirect URI (http://127.0.0.1:<port>/callback, with -RedirectPort when the IdP matches it exactly), the allowed scopes and the authorization-code grant.");

    public static CommandFailureException StateMismatch(string clientId) => new("SignInStateMismatch", FailureCategory.SecurityError,
        $"The browser came back with a state that this sign-in for client '{clientId}' did not send: the answer is not for this request (a stale tab, or a forged redirect).", clientId,
        "Run the command again and finish the sign-in in the browser window it opens.");

    public static CommandFailureException IssuerMismatch(string clientId, string expected, string received) => new("SignInIssuerMismatch", FailureCategory.SecurityError,
        $"The authorization answer for client '{clientId}' names the issuer '{received}', not '{expected}' (RFC 9207): it may come from another IdP (a mix-up attack).", received,
        "Check that -Authority is the IdP you signed in to.");

    public static CommandFailureException NonceMismatch(string clientId) => new("SignInNonceMismatch", FailureCategory.SecurityError,
        $"The ID token for client '{clientId}' does not carry the nonce this sign-in sent, or is not for this client and IdP: it is not the answer to this request.", clientId,
        "Run the command again; if it repeats, the IdP or something between is replaying tokens.");

    public static CommandFailureException RedirectPortInUse(int port, Exception inner) => new("RedirectPortInUse", FailureCategory.ResourceBusy,
        $"The loopback redirect listener cannot listen on 127.0.0.1:{port}: {inner.Message}", port,
        "Close what listens on that port, or pass another -RedirectPort (registered at the IdP as http://127.0.0.1:<port>/callback).", inner);

    /// <summary>The client may not use this grant ("device-code", "authorization-code" or "refresh-token").</summary>
    public static CommandFailureException GrantNotAllowed(string clientId, string grant, string said) => new("TokenGrantNotAllowed", FailureCategory.PermissionDenied,
        $"Client '{clientId}' may not use the {grant} grant ({said}).", clientId,
        "Enable the grant for the client at the IdP (Keycloak: 'OAuth 2.0 Device Authorization Grant' or 'Standard flow'; Okta and Auth0: the grant types of a native application).");

    /// <summary>
    /// The IdP refused the refresh token (invalid_grant). It does not say why; the likely causes are named
    /// with what the cache knows, and the next step is a new sign-in (the token was removed from the cache).
    /// </summary>
    public static CommandFailureException RefreshTokenRejected(string clientId, Uri authority, string said, DateTimeOffset? refreshExpiresOn) => new("RefreshTokenRejected",
        FailureCategory.AuthenticationError,
        $"The IdP at {authority.Authority} refused the cached refresh token of client '{clientId}' ({said}). " + (refreshExpiresOn is { } at && at <= DateTimeOffset.UtcNow
            ? $"It expired at {at:u}."
            : "It was revoked (signed out, password changed, session ended or revoked by an administrator), it expired (an idle or maximum session lifetime at the IdP), or it was rotated: the IdP issues a new refresh token at each use and refuses the old one, and many refuse the whole sign-in when an old one comes back (another copy of the cache used it first)."),
        clientId,
        "Run the same command again to sign in (the refused refresh token was removed from the cache); -ForceRefresh skips the cache and signs in at once.");

    public static CommandFailureException InteractiveNeedsAuthority() => new("InteractiveFlowNeedsAuthority", FailureCategory.InvalidArgument,
        "A user sign-in (-Flow DeviceCode or AuthorizationCode) needs -Authority (the issuer URL, discovery taken from it); -TokenEndpoint serves only client credentials.", null,
        "Pass -Authority <issuer URL> instead of -TokenEndpoint.");
}
