using System.Net.Sockets;
using System.Security.Authentication;
using McpRegistryAuth.Core.Reporting;
using Microsoft.Identity.Client;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Why a token could not be had, explained with the fix: the IdP's OAuth error (RFC 6749 5.2), an
/// unreachable or untrusted IdP, or no answer in time. Never carries a secret: only ids and URLs.
/// </summary>
public static class TokenFailures
{
    public static CommandFailureException FromOAuthError(string? error, string? description, int status, Uri endpoint, ClientCredentialsRequest request)
    {
        var said = error is null ? $"HTTP {status}" : description is null ? error : $"{error}: {description}";
        return error switch
        {
            "invalid_client" => new CommandFailureException("TokenClientRejected", FailureCategory.AuthenticationError,
                $"The IdP at {endpoint.Authority} rejected client '{request.ClientId}' ({said}).", request.ClientId,
                $"Check the client id and its secret or key. Sent as {AccessTokenClient.Describe(request.Authentication)}: a client registered for another method (client_secret_basic, client_secret_post or private_key_jwt) is refused the same way; pass -ClientAuthentication to match the registration."),
            "invalid_scope" => new CommandFailureException("TokenScopeNotAllowed", FailureCategory.PermissionDenied,
                $"The IdP refused the scope '{string.Join(' ', request.Scopes)}' for client '{request.ClientId}' ({said}).", string.Join(' ', request.Scopes),
                ScopeFix(request.Provider)),
            "invalid_target" => new CommandFailureException("TokenAudienceNotAllowed", FailureCategory.InvalidArgument,
                $"The IdP refused the resource '{request.Audience}' for client '{request.ClientId}' ({said}).", request.Audience,
                "-Audience must be a resource the IdP knows for this client, byte for byte (Keycloak: the resource-indicators feature or an audience mapper; Entra: the App ID URI, asked through -Scope '<App ID URI>/.default')."),
            "unauthorized_client" or "unsupported_grant_type" => new CommandFailureException("TokenGrantNotAllowed", FailureCategory.PermissionDenied,
                $"Client '{request.ClientId}' may not use the client-credentials grant ({said}).", request.ClientId,
                "Enable the client-credentials grant for the client (Keycloak: Service accounts roles; Okta: Client Credentials; Cognito: an app client with a secret and custom scopes)."),
            _ => new CommandFailureException("TokenRequestRejected", FailureCategory.AuthenticationError,
                $"The IdP at {endpoint.Authority} gave no token to client '{request.ClientId}' ({said}).", endpoint.AbsoluteUri,
                "Run with -Debug to see each request and answer, and compare the client's settings at the IdP with the parameters given."),
        };
    }

    /// <summary>A failure of the request itself: time-out, refused or failed connection, untrusted certificate, or an MSAL error.</summary>
    public static CommandFailureException FromException(Exception exception, Uri target, ClientCredentialsRequest request, bool timedOut)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (timedOut)
        {
            return new CommandFailureException("IdpTimeout", FailureCategory.OperationTimeout,
                $"The IdP at {target.Authority} did not answer within {request.Timeout.TotalSeconds:0} s.", target.AbsoluteUri,
                "Raise -TimeoutSec, or check the IdP's health and the network path to it.", exception);
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return new CommandFailureException("IdpCertificateUntrusted", FailureCategory.SecurityError,
                    $"The IdP's TLS certificate at {target.Authority} is not trusted: {inner.Message}", target.AbsoluteUri,
                    "Pass the PEM file of the CA that issued it as -CaCertPath (it replaces the system roots for this call).", exception);
            }

            if (inner is SocketException or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                return new CommandFailureException("IdpUnreachable", FailureCategory.ConnectionError,
                    $"The IdP at {target.Authority} cannot be reached: {inner.Message}", target.AbsoluteUri,
                    "Check the URL (-Authority or -TokenEndpoint), that the IdP is running, and any proxy or firewall between.", exception);
            }
        }

        if (exception is MsalServiceException service)
        {
            return FromOAuthError(service.ErrorCode, FirstLine(service.Message), service.StatusCode, target, request);
        }

        return new CommandFailureException("TokenRequestFailed", FailureCategory.AuthenticationError,
            $"No token from {target.Authority}: {FirstLine(exception.Message)}", target.AbsoluteUri,
            "Run with -Debug to see each request and answer.", exception);
    }

    private static string ScopeFix(OAuthProvider provider) => provider switch
    {
        OAuthProvider.Cognito => "Ask only custom scopes of a resource server that are enabled on the app client ('<resource-server-id>/<scope>'); openid and offline_access are not valid here.",
        OAuthProvider.Entra => "Client credentials on Entra take one scope, '<App ID URI>/.default'; the app's application permissions decide the roles.",
        _ => "Ask only scopes assigned to the client at the IdP (Keycloak: the client's client scopes; Okta: the authorization server's scopes and an access policy rule).",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
