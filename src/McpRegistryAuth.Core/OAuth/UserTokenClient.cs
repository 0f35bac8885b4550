using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Gets a token as a user: from the cache when it holds one valid beyond the refresh margin (no request at
/// all); else renewed silently with the cached refresh token; else through a sign-in (device code or
/// browser). The cache lock is held for a lookup and a refresh, never while waiting for the user, so other
/// processes are not kept waiting; a refresh under the lock also keeps two processes from spending the
/// same rotating refresh token.
/// </summary>
public static class UserTokenClient
{
    public const string RefreshGrantType = "refresh_token";

    public static async Task<AccessTokenResult> GetAsync(UserTokenRequest request, OperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var common = request.Common;
        var authority = Validate(request);
        using var http = new LazyHttpClient(common, log);
        var entry = PartitionOf(common, authority);
        AuthorizationServerEndpoints? endpoints = null;
        async Task<AuthorizationServerEndpoints> Endpoints() =>
            endpoints ??= await AuthorizationServerEndpoints.DiscoverAsync(http.Client, common, log, cancellationToken).ConfigureAwait(false);

        var cache = common.CachePath is null ? null : new TokenCacheFile(common.CachePath);
        if (cache is not null && !common.ForceRefresh)
        {
            var (cached, refused) = await cache.UpdateAsync(document => FromCacheAsync(common, entry, document, Endpoints, http, log, cancellationToken), common.Timeout, cancellationToken).ConfigureAwait(false);
            if (refused is not null) throw refused;
            if (cached is not null) return cached;
        }
        else if (common.ForceRefresh)
        {
            log.Verbose("-ForceRefresh: the cache is not consulted; signing in.");
        }

        var flow = request.Flow.ToString();
        if (ProviderRules.UsesMsalForUser(common.Provider, request.Flow))
        {
            var (result, msalCache) = await MsalDeviceCode.SignInAsync(common, log, request.SignInTimeout, cancellationToken).ConfigureAwait(false);
            if (cache is not null)
            {
                await cache.UpdateAsync(document =>
                {
                    document.SetMsal(entry with { Flow = flow }, msalCache);
                    return Task.FromResult((true, true));
                }, common.Timeout, cancellationToken).ConfigureAwait(false);
            }

            var signedIn = FromMsal(common, result, flow);
            log.Verbose($"Token {signedIn.Fingerprint} from the IdP, valid until {signedIn.ExpiresOn:u}" + (cache is null ? "; -NoCache: MSAL's refresh token is not kept." : "; MSAL's cache, with its refresh token, is kept in the token cache."));
            return signedIn;
        }

        var found = await Endpoints().ConfigureAwait(false);
        var response = request.Flow == TokenFlow.DeviceCode
            ? await DeviceCodeFlow.RunAsync(http.Client, found, request, log, cancellationToken).ConfigureAwait(false)
            : await AuthorizationCodeFlow.RunAsync(http.Client, found, request, log, cancellationToken).ConfigureAwait(false);
        var token = ToCached(response, null);
        if (cache is not null)
        {
            await cache.UpdateAsync(document =>
            {
                document.SetToken(entry with { Flow = flow }, token);
                return Task.FromResult((true, true));
            }, common.Timeout, cancellationToken).ConfigureAwait(false);
        }

        log.Verbose($"Token {token.AccessToken.Fingerprint} from the IdP, valid until {token.ExpiresOn:u}" + (token.RefreshToken is null ? "; the IdP gave no refresh token." : "; a refresh token is kept in the cache."));
        return Describe(common, token, flow, false);
    }

    /// <summary>
    /// The partition of a user's tokens: one per IdP, client, audience and scope set, whichever flow signed
    /// the user in (a token got in the browser serves a later device-code call too).
    /// </summary>
    public static TokenCacheEntry PartitionOf(ClientCredentialsRequest request, Uri authority)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authority);
        var scopes = string.Join(' ', request.Scopes.Order(StringComparer.Ordinal));
        return new TokenCacheEntry
        {
            Key = $"User {authority.AbsoluteUri} {request.ClientId} {request.Audience} {scopes}".TrimEnd(),
            Provider = request.Provider.ToString(),
            ClientId = request.ClientId,
            Authority = authority.AbsoluteUri,
            Audience = request.Audience,
        };
    }

    private static async Task<((AccessTokenResult?, CommandFailureException?) Result, bool Changed)> FromCacheAsync(
        ClientCredentialsRequest common, TokenCacheEntry entry, TokenCacheDocument document, Func<Task<AuthorizationServerEndpoints>> endpoints, LazyHttpClient http, OperationLog log, CancellationToken cancellationToken)
    {
        if (document.WasUnreadable) log.Verbose("The token cache file was not in this module's format; it starts again empty.");
        if (document.GetMsal(entry.Key) is { } msal) return await FromMsalCacheAsync(common, entry, document, msal, log, cancellationToken).ConfigureAwait(false);
        if (document.GetToken(entry.Key) is not { } cached)
        {
            log.Verbose("No token of this user in the cache: signing in.");
            return ((null, null), false);
        }

        var flow = document.Entries.FirstOrDefault(e => e.Key == entry.Key)?.Flow ?? TokenFlow.DeviceCode.ToString();
        var stored = entry with { Flow = flow };
        if (cached.ExpiresOn - DateTimeOffset.UtcNow >= common.RefreshMargin)
        {
            log.Verbose($"Token {cached.AccessToken.Fingerprint} from the cache, valid until {cached.ExpiresOn:u}; no request was sent.");
            return ((Describe(common, cached, flow, true), null), false);
        }

        if (cached.RefreshToken is not { } refreshToken)
        {
            log.Verbose($"The cached token expires at {cached.ExpiresOn:u}, within the refresh margin of {common.RefreshMargin.TotalSeconds:0} s, and no refresh token was kept: signing in.");
            return ((null, null), false);
        }

        log.Verbose($"The cached token expires at {cached.ExpiresOn:u}, within the refresh margin of {common.RefreshMargin.TotalSeconds:0} s: renewing it with the cached refresh token.");
        var found = await endpoints().ConfigureAwait(false);
        var form = new List<KeyValuePair<string, string>> { new("grant_type", RefreshGrantType), new("refresh_token", refreshToken.Reveal()) };
        // No scope: RFC 6749 6 then grants what the sign-in granted, which is not always what was asked
        // (oidc-provider drops offline_access from a browser sign-in without prompt=consent, then refuses it here).
        if (common.Audience is { } audience && ProviderRules.AudienceParameter(common.Provider) is { } parameter) form.Add(new(parameter, audience));
        var answer = await UserGrantClient.PostAsync(http.Client, found.TokenEndpoint, form, common, cancellationToken).ConfigureAwait(false);
        if (answer.Error == "invalid_grant")
        {
            // Kept no longer: the next call signs in instead of being refused again.
            document.SetToken(stored, cached with { RefreshToken = null });
            return ((null, UserFlowFailures.RefreshTokenRejected(common.ClientId, found.TokenEndpoint, answer.Said, null)), true);
        }

        if (!answer.IsSuccess)
        {
            if (answer.Error is "unauthorized_client" or "unsupported_grant_type") throw UserFlowFailures.GrantNotAllowed(common.ClientId, "refresh-token", answer.Said);
            throw TokenFailures.FromOAuthError(answer.Error, answer.Description, answer.Status, found.TokenEndpoint, common);
        }

        var renewed = ToCached(UserGrantClient.ReadTokens(answer, found.TokenEndpoint, common), refreshToken);
        document.SetToken(stored, renewed);
        log.Verbose($"Token {renewed.AccessToken.Fingerprint} renewed with the refresh token, valid until {renewed.ExpiresOn:u}" +
            (renewed.RefreshToken is { } next && !next.Equals(refreshToken) ? "; the IdP rotated the refresh token (the new one is kept)." : "."));
        return ((Describe(common, renewed, AccessTokenResult.RefreshTokenFlow, false), null), true);
    }

    /// <summary>
    /// A partition MSAL signed in (Entra's device code): its access token when valid beyond the margin (no MSAL
    /// application built, no request), else MSAL's silent renewal with the refresh token in its cache.
    /// </summary>
    private static async Task<((AccessTokenResult?, CommandFailureException?) Result, bool Changed)> FromMsalCacheAsync(
        ClientCredentialsRequest common, TokenCacheEntry entry, TokenCacheDocument document, byte[] msal, OperationLog log, CancellationToken cancellationToken)
    {
        var flow = document.Entries.FirstOrDefault(e => e.Key == entry.Key)?.Flow ?? TokenFlow.DeviceCode.ToString();
        var stored = entry with { Flow = flow };
        var now = DateTimeOffset.UtcNow;
        if (document.FindMsalToken(entry.Key, MsalDeviceCode.ScopesFor(common.Scopes).ToList(), now + common.RefreshMargin) is { } hit)
        {
            log.Verbose($"Token {hit.AccessToken.Fingerprint} from the cache, valid until {hit.ExpiresOn:u}; no request was sent.");
            return ((Describe(common, hit, flow, true), null), false);
        }

        var (result, changed, refused) = await MsalDeviceCode.SilentAsync(common, msal, log, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            // Kept no longer: the next call signs in instead of being refused again.
            document.RemoveMsal(entry.Key);
            return ((null, refused), true);
        }

        if (result is null) return ((null, null), false);
        if (changed is not null) document.SetMsal(stored, changed);
        var fromCache = result.AuthenticationResultMetadata.TokenSource == Microsoft.Identity.Client.TokenSource.Cache;
        var described = FromMsal(common, result, fromCache ? flow : AccessTokenResult.RefreshTokenFlow) with { FromCache = fromCache };
        log.Verbose(fromCache
            ? $"Token {described.Fingerprint} from MSAL's cache, valid until {described.ExpiresOn:u}; no request was sent."
            : $"Token {described.Fingerprint} renewed with the refresh token, valid until {described.ExpiresOn:u}.");
        return ((described, null), changed is not null);
    }

    private static AccessTokenResult FromMsal(ClientCredentialsRequest common, Microsoft.Identity.Client.AuthenticationResult result, string flow) =>
        AccessTokenClient.Describe(common, new Secret(result.AccessToken), result.TokenType, result.ExpiresOn, result.Scopes.ToList(), false) with { Flow = flow };

    /// <summary>The token to keep; an answer without a refresh token keeps the one that was used (RFC 6749 6).</summary>
    private static CachedToken ToCached(UserTokenResponse response, Secret? previousRefreshToken) =>
        new(response.AccessToken, response.TokenType, DateTimeOffset.UtcNow + (response.ExpiresIn ?? TimeSpan.FromMinutes(5)), response.Scope, response.RefreshToken ?? previousRefreshToken);

    private static AccessTokenResult Describe(ClientCredentialsRequest common, CachedToken token, string flow, bool fromCache) =>
        AccessTokenClient.Describe(common, token.AccessToken, token.TokenType, token.ExpiresOn, AccessTokenClient.Split(token.Scope) ?? common.Scopes, fromCache) with { Flow = flow };

    private static Uri Validate(UserTokenRequest request)
    {
        var common = request.Common;
        if (common.Authority is not { } authority) throw UserFlowFailures.InteractiveNeedsAuthority();
        if (authority.Scheme != Uri.UriSchemeHttps && !authority.IsLoopback)
        {
            throw new CommandFailureException("InsecureTokenEndpoint", FailureCategory.SecurityError,
                $"'{authority}' is not https: the user's tokens would cross the network in clear text.", authority.AbsoluteUri,
                "Use the IdP's https URL (plain http is allowed only on a loopback address).");
        }

        if (request.Flow == TokenFlow.ClientCredentials) throw new ArgumentException("Client credentials are served by AccessTokenClient.", nameof(request));
        return authority;
    }

    /// <summary>The module's HttpClient for this request, made only when a request is sent (a cache hit needs none).</summary>
    private sealed class LazyHttpClient(ClientCredentialsRequest request, OperationLog log) : IDisposable
    {
        private HttpClient? client;

        public HttpClient Client => client ??= HttpClientFactory.Create(new HttpClientOptions { Trust = request.Trust, Timeout = Timeout.InfiniteTimeSpan, Log = log.Debug });

        public void Dispose() => client?.Dispose();
    }
}
