using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The authorization-code grant with PKCE (S256) for a user at a browser: a loopback listener is started,
/// the browser is sent to the authorization endpoint (opened when one exists, the URL written either way),
/// the redirect's state (and iss, RFC 9207, when present) must match this request, the code is redeemed
/// with the verifier, and an ID token must carry this request's nonce, audience and issuer.
/// </summary>
public static class AuthorizationCodeFlow
{
    public const string GrantType = "authorization_code";

    public static async Task<UserTokenResponse> RunAsync(HttpClient http, AuthorizationServerEndpoints endpoints, UserTokenRequest request, OperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var common = request.Common;
        var authorize = endpoints.AuthorizationEndpoint ?? throw UserFlowFailures.AuthorizationCodeNotOffered(common.Authority!);
        if (endpoints.CodeChallengeMethods.Count == 0)
        {
            log.Verbose("The IdP does not list code_challenge_methods_supported (Cognito and Entra do not); PKCE S256 is sent anyway.");
        }
        else if (!endpoints.CodeChallengeMethods.Contains(Pkce.Method, StringComparer.Ordinal))
        {
            log.Verbose($"The IdP lists code_challenge_methods_supported {string.Join(", ", endpoints.CodeChallengeMethods)} without S256; S256 is sent anyway (plain gives no protection).");
        }

        var pkce = Pkce.Create();
        using var listener = LoopbackRedirectListener.Start(request.RedirectPort);
        var redirectUri = listener.RedirectUri.AbsoluteUri;
        var wantsIdToken = common.Scopes.Contains("openid", StringComparer.Ordinal);
        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", common.ClientId),
            new("redirect_uri", redirectUri),
            new("state", pkce.State),
            new("code_challenge", pkce.Challenge),
            new("code_challenge_method", Pkce.Method),
        };
        if (common.Scopes.Count > 0) query.Add(new("scope", string.Join(' ', common.Scopes)));
        if (wantsIdToken) query.Add(new("nonce", pkce.Nonce));
        var audience = common.Audience is { } aud && ProviderRules.AudienceParameter(common.Provider) is { } parameter ? new KeyValuePair<string, string>(parameter, aud) : (KeyValuePair<string, string>?)null;
        if (audience is { } a) query.Add(a);
        var separator = authorize.Query.Length > 0 ? "&" : "?";
        var url = new Uri(authorize.AbsoluteUri + separator + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));

        log.Verbose($"Authorization code with PKCE (S256) for '{common.ClientId}' at {authorize}; the browser returns to {redirectUri}.");
        if (request.OpenBrowser && BrowserLauncher.TryOpen(url))
        {
            log.Warning($"A browser was opened to sign in. If none appeared, open this URL: {url.AbsoluteUri}");
        }
        else
        {
            log.Warning($"To sign in, open this URL in a browser on this machine (it returns to {redirectUri}): {url.AbsoluteUri}");
        }

        var limit = request.SignInTimeout ?? UserTokenRequest.DefaultBrowserSignInTimeout;
        log.Verbose($"Waiting up to {limit.TotalSeconds:0} s for the browser to come back (-SignInTimeoutSec).");
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(limit);
        IReadOnlyDictionary<string, string> callback;
        try
        {
            callback = await listener.WaitAsync(Judge(pkce, endpoints), wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw UserFlowFailures.SignInTimeout(common.ClientId, limit, TokenFlow.AuthorizationCode);
        }

        if (callback.GetValueOrDefault("state") != pkce.State) throw UserFlowFailures.StateMismatch(common.ClientId);
        if (callback.TryGetValue("iss", out var iss) && iss != endpoints.Issuer) throw UserFlowFailures.IssuerMismatch(common.ClientId, endpoints.Issuer, iss);
        if (callback.TryGetValue("error", out var error))
        {
            var said = callback.TryGetValue("error_description", out var description) ? $"{error}: {description}" : error;
            throw error == "access_denied" ? UserFlowFailures.SignInDeclined(common.ClientId, said) : UserFlowFailures.SignInFailed(common.ClientId, said);
        }

        if (!callback.TryGetValue("code", out var code) || code.Length == 0) throw UserFlowFailures.SignInFailed(common.ClientId, "no code in the redirect");
        log.Verbose($"The browser came back with a code; redeeming it at {endpoints.TokenEndpoint}.");
        var redeem = new List<KeyValuePair<string, string>>
        {
            new("grant_type", GrantType),
            new("code", code),
            new("redirect_uri", redirectUri),
            new("code_verifier", pkce.Verifier.Reveal()),
        };
        if (audience is { } r) redeem.Add(r);
        var answer = await UserGrantClient.PostAsync(http, endpoints.TokenEndpoint, redeem, common, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            if (answer.Error is "unauthorized_client" or "unsupported_grant_type") throw UserFlowFailures.GrantNotAllowed(common.ClientId, "authorization-code", answer.Said);
            throw TokenFailures.FromOAuthError(answer.Error, answer.Description, answer.Status, endpoints.TokenEndpoint, common);
        }

        var tokens = UserGrantClient.ReadTokens(answer, endpoints.TokenEndpoint, common);
        if (tokens.IdToken is { } idToken) CheckIdToken(idToken, pkce, endpoints, common.ClientId, wantsIdToken);
        return tokens;
    }

    /// <summary>
    /// The ID token came straight from the token endpoint over TLS, so its signature is not checked here
    /// (OpenID Connect Core 3.1.3.7); its nonce, audience and issuer must still be this request's.
    /// </summary>
    private static void CheckIdToken(Secret idToken, Pkce pkce, AuthorizationServerEndpoints endpoints, string clientId, bool nonceSent)
    {
        var inspection = TokenInspector.Inspect(idToken, DateTimeOffset.UtcNow);
        var nonce = inspection.Claims.TryGetValue("nonce", out var value) ? value?.ToString() : null;
        if ((nonceSent && nonce != pkce.Nonce) || !inspection.Audiences.Contains(clientId, StringComparer.Ordinal) || (inspection.Issuer is { } issuer && issuer != endpoints.Issuer))
        {
            throw UserFlowFailures.NonceMismatch(clientId);
        }
    }

    /// <summary>What the browser is shown for the redirect it brought back.</summary>
    private static Func<IReadOnlyDictionary<string, string>, (bool, string)> Judge(Pkce pkce, AuthorizationServerEndpoints endpoints) => query =>
    {
        if (query.GetValueOrDefault("state") != pkce.State) return (false, "This answer is not for the sign-in PowerShell is waiting for (the state differs). Close this window and run the command again.");
        if (query.TryGetValue("iss", out var iss) && iss != endpoints.Issuer) return (false, "This answer comes from another identity provider than the one asked. Close this window.");
        if (query.TryGetValue("error", out var error)) return (false, $"The sign-in failed ({error}). Close this window; PowerShell shows what to do next.");
        return (true, "Signed in. You can close this window and return to PowerShell.");
    };
}
