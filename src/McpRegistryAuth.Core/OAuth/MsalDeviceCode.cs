using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Reporting;
using Microsoft.Identity.Client;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Entra's device code through MSAL.NET's PublicClientApplication, and the silent renewal of its tokens. MSAL
/// keeps the refresh token in its own cache; that cache (MSAL format v3) is kept in the user's partition of
/// the module's token cache, as for client credentials, so a later call renews silently with AcquireTokenSilent.
/// A sign-in starts from an empty MSAL cache, so a partition holds one user's account.
/// The device code message is queued in the <see cref="OperationLog"/> from MSAL's callback (an MSAL thread);
/// the cmdlet writes it as a warning on the pipeline thread.
/// </summary>
internal static class MsalDeviceCode
{
    /// <summary>What MSAL adds to every user request itself, and refuses to be given.</summary>
    private static readonly string[] ReservedScopes = ["openid", "profile", "offline_access"];

    /// <summary>The caller's scopes without MSAL's reserved ones.</summary>
    public static IReadOnlyList<string> ScopesFor(IReadOnlyList<string> scopes) =>
        scopes.Where(s => !ReservedScopes.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();

    public static async Task<(AuthenticationResult Result, byte[] Cache)> SignInAsync(ClientCredentialsRequest request, OperationLog log, TimeSpan? signInTimeout, CancellationToken cancellationToken)
    {
        var scopes = RequireScopes(request);
        var pacer = new DeviceCodePollPacer(log);
        using var http = Client(request, log, pacer);
        var app = Build(request, http, log);
        byte[]? cache = null;
        app.UserTokenCache.SetAfterAccess(args =>
        {
            if (args.HasStateChanged) cache = args.TokenCache.SerializeMsalV3();
        });

        log.Verbose($"Device code for '{request.ClientId}' through MSAL with Entra authority {AuthorityOf(request.Authority!)} (scope '{string.Join(' ', scopes)}'; MSAL adds openid profile offline_access).");
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (signInTimeout is { } limit) wait.CancelAfter(limit);
        DateTimeOffset expiresOn = default;
        try
        {
            var result = await app.AcquireTokenWithDeviceCode(scopes, code =>
            {
                // An MSAL thread: only queued here, written by the cmdlet on its own thread.
                expiresOn = code.ExpiresOn;
                pacer.Interval = TimeSpan.FromSeconds(code.Interval > 0 ? code.Interval : DeviceCodeFlow.DefaultInterval.TotalSeconds);
                log.Warning($"To sign in, open {code.VerificationUrl} and enter the code {code.UserCode}. The code expires at {code.ExpiresOn.ToUniversalTime():HH:mm:ss} UTC.");
                log.Verbose($"MSAL polls the token endpoint every {pacer.Interval.TotalSeconds:0} s until {code.ExpiresOn.ToUniversalTime():u}.");
                return Task.CompletedTask;
            }).ExecuteAsync(wait.Token).ConfigureAwait(false);
            log.Verbose("The user approved the device code.");
            return (result, cache ?? throw new InvalidOperationException("MSAL did not write its cache after a sign-in."));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && signInTimeout is { } waited)
        {
            throw UserFlowFailures.SignInTimeout(request.ClientId, waited, TokenFlow.DeviceCode);
        }
        catch (MsalException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Explain(ex, request, expiresOn);
        }
        catch (Exception ex) when (ex is not CommandFailureException and not OperationCanceledException)
        {
            throw TokenFailures.FromException(ex, request.Authority!, request, false);
        }
    }

    /// <summary>
    /// The partition's token through MSAL: its cached access token, or one renewed with the refresh token
    /// (forced when the cached one is within the request's refresh margin). Null result with null
    /// failure: MSAL holds no account or token to renew, so the user signs in.
    /// </summary>
    public static async Task<(AuthenticationResult? Result, byte[]? ChangedCache, CommandFailureException? Refused)> SilentAsync(
        ClientCredentialsRequest request, byte[] serializedCache, OperationLog log, CancellationToken cancellationToken)
    {
        var scopes = RequireScopes(request);
        using var http = Client(request, log, null);
        var app = Build(request, http, log);
        byte[]? changed = null;
        app.UserTokenCache.SetBeforeAccess(args => args.TokenCache.DeserializeMsalV3(changed ?? serializedCache, shouldClearExistingCache: true));
        app.UserTokenCache.SetAfterAccess(args =>
        {
            if (args.HasStateChanged) changed = args.TokenCache.SerializeMsalV3();
        });

        var account = (await app.GetAccountsAsync().ConfigureAwait(false)).FirstOrDefault();
        if (account is null)
        {
            log.Verbose("MSAL's cache in this partition holds no account: signing in.");
            return (null, null, null);
        }

        try
        {
            var result = await app.AcquireTokenSilent(scopes, account).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            if (result.AuthenticationResultMetadata.TokenSource == TokenSource.Cache && result.ExpiresOn - DateTimeOffset.UtcNow < request.RefreshMargin)
            {
                log.Verbose($"The cached token expires at {result.ExpiresOn:u}, within the refresh margin of {request.RefreshMargin.TotalSeconds:0} s: MSAL renews it with the cached refresh token.");
                result = await app.AcquireTokenSilent(scopes, account).WithForceRefresh(true).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (result.AuthenticationResultMetadata.TokenSource != TokenSource.Cache)
            {
                log.Verbose("MSAL renewed the token with the cached refresh token.");
            }

            return (result, changed, null);
        }
        catch (MsalUiRequiredException ex) when (ex.ErrorCode == "invalid_grant")
        {
            return (null, null, UserFlowFailures.RefreshTokenRejected(request.ClientId, request.Authority!, ex.ErrorCode + ": " + FirstLine(ex.Message), null));
        }
        catch (MsalUiRequiredException ex)
        {
            log.Verbose($"MSAL cannot renew silently ({ex.ErrorCode}): signing in.");
            return (null, null, null);
        }
        catch (MsalException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Explain(ex, request, null);
        }
        catch (Exception ex) when (ex is not CommandFailureException and not OperationCanceledException)
        {
            throw TokenFailures.FromException(ex, request.Authority!, request, false);
        }
    }

    /// <summary>
    /// MSAL's Entra authority, https://host/tenant: an issuer URL's /v2.0 is dropped. Instance discovery
    /// (asking login.microsoftonline.com whether the host is a Microsoft cloud) stays on for the hosts that show
    /// Entra; an authority on another host named Entra with -Provider (a sovereign cloud's, or a test double)
    /// is taken as given.
    /// </summary>
    public static Uri AuthorityOf(Uri authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var tenant = authority.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "organizations";
        return new Uri($"{authority.GetLeftPart(UriPartial.Authority)}/{tenant}/");
    }

    private static IPublicClientApplication Build(ClientCredentialsRequest request, HttpClient http, OperationLog log)
    {
        var builder = PublicClientApplicationBuilder.Create(request.ClientId)
            .WithAuthority(AuthorityOf(request.Authority!).AbsoluteUri)
            .WithHttpClientFactory(new SharedClientFactory(http))
            .WithLogging((level, message, _) => log.Debug("MSAL " + level + ": " + message), LogLevel.Info, enablePiiLogging: false);
        if (ProviderRules.Infer(request.Authority!) != OAuthProvider.Entra) builder = builder.WithInstanceDiscovery(false);
        return builder.Build();
    }

    private static HttpClient Client(ClientCredentialsRequest request, OperationLog log, DelegatingHandler? pacer) =>
        HttpClientFactory.Create(new HttpClientOptions { Trust = request.Trust, Timeout = request.Timeout, Log = log.Debug, Outermost = pacer });

    private static string[] RequireScopes(ClientCredentialsRequest request)
    {
        var scopes = ScopesFor(request.Scopes);
        if (scopes.Count == 0)
        {
            throw new CommandFailureException("ScopeRequired", FailureCategory.InvalidArgument,
                $"A user sign-in at Entra through MSAL needs a scope of the API the token is for, for client '{request.ClientId}' (openid, profile and offline_access are MSAL's own).", request.ClientId,
                "Pass -Scope with the API's delegated permission, e.g. 'api://<app id>/user_impersonation'.");
        }

        return [.. scopes];
    }

    /// <summary>Entra's and MSAL's answers to a device-code sign-in, explained.</summary>
    private static CommandFailureException Explain(MsalException exception, ClientCredentialsRequest request, DateTimeOffset? expiresOn)
    {
        var said = exception.ErrorCode + ": " + FirstLine(exception.Message);
        return exception.ErrorCode switch
        {
            // Entra says authorization_declined; RFC 8628 says access_denied.
            "authorization_declined" or "access_denied" => UserFlowFailures.SignInDeclined(request.ClientId, said),
            // MSAL ends its loop itself at the code's expiry (code_expired); Entra answers expired_token.
            "expired_token" or MsalError.CodeExpired => UserFlowFailures.DeviceCodeExpired(request.ClientId, expiresOn is { } at && at != default ? at.ToUniversalTime() : DateTimeOffset.UtcNow),
            "unauthorized_client" or "unsupported_grant_type" => UserFlowFailures.GrantNotAllowed(request.ClientId, "device-code", said),
            // AADSTS7000218: the app registration does not allow public client flows, so Entra wants a secret.
            "invalid_client" when exception.Message.Contains("AADSTS7000218", StringComparison.Ordinal) => UserFlowFailures.GrantNotAllowed(request.ClientId, "device-code",
                said + " (enable 'Allow public client flows' in the app registration's Authentication settings)"),
            _ => TokenFailures.FromException(exception, request.Authority!, request, false),
        };
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>MSAL asks for one long-lived client; it gets this flow's, which it never disposes.</summary>
    private sealed class SharedClientFactory(HttpClient client) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => client;
    }
}
