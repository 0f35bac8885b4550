using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensibility;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Client credentials through MSAL.NET: <c>WithOidcAuthority</c> (discovery at {authority}/.well-known/openid-configuration)
/// for every OIDC provider, <c>WithAuthority</c> for Entra, the module's HttpClient through IMsalHttpClientFactory,
/// and MSAL's cache kept in one partition of the module's cache file.
/// </summary>
internal static class MsalClientCredentials
{
    /// <summary>Asks MSAL for a token; <paramref name="serializedCache"/> is the partition's cache, the new one comes back when it changed.</summary>
    public static async Task<(AuthenticationResult Result, byte[]? ChangedCache)> AcquireAsync(
        ClientCredentialsRequest request, HttpClient http, byte[]? serializedCache, bool forceRefresh, Action<string>? log, CancellationToken cancellationToken)
    {
        // Experimental features: WithExtraBodyParameters, the only way MSAL sends a body parameter such as resource.
        var builder = ConfidentialClientApplicationBuilder.Create(request.ClientId).WithHttpClientFactory(new SharedClientFactory(http)).WithExperimentalFeatures();
        var authority = request.Authority!.AbsoluteUri.TrimEnd('/');
        builder = request.Provider == OAuthProvider.Entra ? builder.WithAuthority(authority) : builder.WithOidcAuthority(authority);
        builder = request.Authentication == ClientAuthentication.PrivateKeyJwt
            ? builder.WithClientAssertion((AssertionRequestOptions options) => Task.FromResult(request.SigningKey!.CreateAssertion(request.ClientId, options.TokenEndpoint, DateTimeOffset.UtcNow)))
            : builder.WithClientSecret(request.ClientSecret!.Reveal());
        if (log is not null)
        {
            builder = builder.WithLogging((level, message, _) => log("MSAL " + level + ": " + message), LogLevel.Info, enablePiiLogging: false);
        }

        var app = builder.Build();
        byte[]? changed = null;
        app.AppTokenCache.SetBeforeAccess(args =>
        {
            if (serializedCache is not null) args.TokenCache.DeserializeMsalV3(serializedCache, shouldClearExistingCache: true);
        });
        app.AppTokenCache.SetAfterAccess(args =>
        {
            if (args.HasStateChanged) changed = serializedCache = args.TokenCache.SerializeMsalV3();
        });

        var acquire = app.AcquireTokenForClient(request.Scopes).WithForceRefresh(forceRefresh);
        if (request.Audience is { } audience && ProviderRules.AudienceParameter(request.Provider) is { } parameter)
        {
            acquire = acquire.WithExtraBodyParameters(new Dictionary<string, Func<CancellationToken, Task<string>>> { [parameter] = _ => Task.FromResult(audience) });
        }

        var result = await acquire.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return (result, changed);
    }

    /// <summary>MSAL asks for one long-lived client; it gets the module's, which it never disposes.</summary>
    private sealed class SharedClientFactory(HttpClient client) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => client;
    }
}
