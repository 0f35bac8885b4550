using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Gets a client-credentials token: from the cache when it holds one valid beyond the refresh margin (no
/// request at all), else from the IdP, through MSAL for discovery-based providers or over the plain token
/// endpoint for Cognito and servers without discovery; the cache is updated under its lock.
/// </summary>
public static class AccessTokenClient
{
    /// <summary>MSAL renews an access token this close to its expiry, whatever the caller's margin.</summary>
    public static readonly TimeSpan MsalExpiryBuffer = TimeSpan.FromMinutes(5);

    public static async Task<AccessTokenResult> GetAsync(ClientCredentialsRequest request, OperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var target = Validate(request);
        var useMsal = ProviderRules.UsesMsal(request.Provider, request.TokenEndpoint is not null);
        if (request.Provider == OAuthProvider.Cognito && request.Audience is not null)
        {
            log.Verbose("Cognito has no audience parameter (its access tokens carry no aud): -Audience is not sent.");
        }

        log.Verbose(useMsal
            ? $"Client credentials for '{request.ClientId}' through MSAL with {request.Provider} authority {target} ({Describe(request.Authentication)})."
            : $"Client credentials for '{request.ClientId}' at the token endpoint {target} ({Describe(request.Authentication)}), without discovery.");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        // Made only when a request is sent: a cache hit needs no client.
        var http = new Lazy<HttpClient>(() => HttpClientFactory.Create(new HttpClientOptions
        {
            Trust = request.Trust,
            Timeout = request.Timeout,
            Log = log.Debug,
            Outermost = useMsal && request.Authentication == ClientAuthentication.ClientSecretBasic ? new TokenEndpointAuthentication() : null,
        }));
        var entry = PartitionOf(request, target, useMsal);
        try
        {
            if (request.CachePath is null)
            {
                return (await AcquireAsync(request, http, entry, useMsal, TokenCacheDocument.Parse(null), log, timeout.Token).ConfigureAwait(false)).Result;
            }

            var cache = new TokenCacheFile(request.CachePath);
            // A hit needs no lock (writers replace the file by rename, so one read sees one whole version);
            // a miss reads the file again under the lock before anything is asked or written.
            if (!request.ForceRefresh && cache.ReadWithoutLock() is { } current && CacheHit(request, entry, useMsal, current, log) is { } hit)
            {
                return hit;
            }

            // The lock is waited for up to the time-out and then named (FileLocked), not taken for a silent IdP.
            return await cache.UpdateAsync(document => AcquireAsync(request, http, entry, useMsal, document, log, timeout.Token), request.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not CommandFailureException and not Files.FileEditException && !(cancellationToken.IsCancellationRequested && ex is OperationCanceledException))
        {
            throw TokenFailures.FromException(ex, target, request, timeout.IsCancellationRequested);
        }
        finally
        {
            if (http.IsValueCreated) http.Value.Dispose();
        }
    }

    /// <summary>
    /// The partition a request's tokens live in: MSAL keys tokens by scope itself; the plain path keeps one
    /// token per scope set. The credential's fingerprint is part of the key, so a changed or wrong secret
    /// asks the IdP (and gets its verdict) instead of being answered from the cache.
    /// </summary>
    public static TokenCacheEntry PartitionOf(ClientCredentialsRequest request, Uri target, bool useMsal)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scopes = useMsal ? "" : " " + string.Join(' ', request.Scopes.Order(StringComparer.Ordinal));
        var credential = request.SigningKey?.KeyId ?? request.ClientSecret?.Fingerprint;
        return new TokenCacheEntry
        {
            Key = $"{AccessTokenResult.ClientCredentialsFlow} {target.AbsoluteUri} {request.ClientId} {Describe(request.Authentication)} {credential} {request.Audience}{scopes}".TrimEnd(),
            Provider = request.Provider.ToString(),
            ClientId = request.ClientId,
            Authority = target.AbsoluteUri,
            Audience = request.Audience,
        };
    }

    private static async Task<(AccessTokenResult Result, bool Changed)> AcquireAsync(
        ClientCredentialsRequest request, Lazy<HttpClient> http, TokenCacheEntry entry, bool useMsal, TokenCacheDocument document, OperationLog log, CancellationToken cancellationToken)
    {
        if (document.WasUnreadable) log.Verbose("The token cache file was not in this module's format; it starts again empty.");
        return useMsal
            ? await FromMsalAsync(request, http, entry, document, log, cancellationToken).ConfigureAwait(false)
            : await FromTokenEndpointAsync(request, http, entry, document, log, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(AccessTokenResult, bool)> FromMsalAsync(
        ClientCredentialsRequest request, Lazy<HttpClient> http, TokenCacheEntry entry, TokenCacheDocument document, OperationLog log, CancellationToken cancellationToken)
    {
        if (!request.ForceRefresh && CacheHit(request, entry, true, document, log) is { } hit) return (hit, false);

        Action<string> msalLog = log.Debug;
        var (result, changed) = await MsalClientCredentials.AcquireAsync(request, http.Value, document.GetMsal(entry.Key), request.ForceRefresh, msalLog, cancellationToken).ConfigureAwait(false);
        var fromCache = result.AuthenticationResultMetadata.TokenSource == Microsoft.Identity.Client.TokenSource.Cache;
        if (fromCache && result.ExpiresOn - DateTimeOffset.UtcNow < request.RefreshMargin)
        {
            log.Verbose($"The cached token expires at {result.ExpiresOn:u}, within the refresh margin of {request.RefreshMargin.TotalSeconds:0} s: renewing it.");
            (result, var renewed) = await MsalClientCredentials.AcquireAsync(request, http.Value, changed ?? document.GetMsal(entry.Key), true, msalLog, cancellationToken).ConfigureAwait(false);
            changed = renewed ?? changed;
            fromCache = false;
        }

        if (changed is not null) document.SetMsal(entry, changed);
        var token = new Secret(result.AccessToken);
        log.Verbose(fromCache ? $"Token {token.Fingerprint} from the cache, valid until {result.ExpiresOn:u}; no request was sent." : $"Token {token.Fingerprint} from the IdP, valid until {result.ExpiresOn:u}.");
        return (Describe(request, token, result.TokenType, result.ExpiresOn, result.Scopes.ToList(), fromCache), changed is not null);
    }

    private static async Task<(AccessTokenResult, bool)> FromTokenEndpointAsync(
        ClientCredentialsRequest request, Lazy<HttpClient> http, TokenCacheEntry entry, TokenCacheDocument document, OperationLog log, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (!request.ForceRefresh)
        {
            if (CacheHit(request, entry, false, document, log) is { } hit) return (hit, false);
            if (document.GetToken(entry.Key) is { } cached)
            {
                log.Verbose($"The cached token expires at {cached.ExpiresOn:u}, within the refresh margin of {request.RefreshMargin.TotalSeconds:0} s: renewing it.");
            }
        }

        var endpoint = new Uri(entry.Authority);
        var response = await TokenEndpointClient.RequestAsync(http.Value, endpoint, request, cancellationToken).ConfigureAwait(false);
        var expiresOn = now + (response.ExpiresIn ?? TimeSpan.FromMinutes(5));
        document.SetToken(entry, new CachedToken(response.AccessToken, response.TokenType, expiresOn, response.Scope));
        log.Verbose($"Token {response.AccessToken.Fingerprint} from the IdP, valid until {expiresOn:u}.");
        return (Describe(request, response.AccessToken, response.TokenType, expiresOn, Split(response.Scope) ?? request.Scopes, false), true);
    }

    /// <summary>
    /// The cached token that answers the request, or null. MSAL's partition answers when it holds a token for
    /// exactly these scopes valid beyond the margin and MSAL's own buffer: returned without building an MSAL
    /// application, which costs far more than the lookup (on a null MSAL's own lookup still decides).
    /// </summary>
    private static AccessTokenResult? CacheHit(ClientCredentialsRequest request, TokenCacheEntry entry, bool useMsal, TokenCacheDocument document, OperationLog log)
    {
        var now = DateTimeOffset.UtcNow;
        var cached = useMsal
            ? document.FindMsalToken(entry.Key, request.Scopes, now + (request.RefreshMargin > MsalExpiryBuffer ? request.RefreshMargin : MsalExpiryBuffer))
            : document.GetToken(entry.Key) is { } token && token.ExpiresOn - now >= request.RefreshMargin ? token : null;
        if (cached is null) return null;
        log.Verbose($"Token {cached.AccessToken.Fingerprint} from the cache, valid until {cached.ExpiresOn:u}; no request was sent.");
        return Describe(request, cached.AccessToken, cached.TokenType, cached.ExpiresOn, Split(cached.Scope) ?? request.Scopes, true);
    }

    internal static AccessTokenResult Describe(ClientCredentialsRequest request, Secret token, string tokenType, DateTimeOffset expiresOn, IReadOnlyList<string> scopes, bool fromCache)
    {
        // What the token says about itself wins; an opaque token keeps what was asked.
        var claims = TokenInspector.ReadClaims(token);
        return new AccessTokenResult
        {
            Token = token,
            TokenType = tokenType,
            ExpiresOn = expiresOn.ToUniversalTime(),
            Scopes = claims.Scopes.Count > 0 ? claims.Scopes : scopes,
            Issuer = claims.Issuer ?? request.Authority?.AbsoluteUri,
            Audience = claims.Audiences.Count > 0 ? claims.Audiences : request.Audience is null ? [] : [request.Audience],
            ClientId = request.ClientId,
            Provider = request.Provider,
            FromCache = fromCache,
        };
    }

    /// <summary>The URL asked (the token endpoint, or the authority for MSAL), checked before anything is sent.</summary>
    private static Uri Validate(ClientCredentialsRequest request)
    {
        if ((request.Authority is null) == (request.TokenEndpoint is null))
        {
            throw new CommandFailureException("TokenSourceAmbiguous", FailureCategory.InvalidArgument, "Name exactly one of -Authority and -TokenEndpoint.", null,
                "Use -Authority <issuer URL> for a provider with discovery, -TokenEndpoint <URL> for a server without it (or Cognito's /oauth2/token).");
        }

        var target = request.TokenEndpoint ?? (request.Provider == OAuthProvider.Cognito ? ProviderRules.CognitoTokenEndpoint(request.Authority!) : request.Authority!);
        if (target.Scheme != Uri.UriSchemeHttps && !target.IsLoopback)
        {
            throw new CommandFailureException("InsecureTokenEndpoint", FailureCategory.SecurityError,
                $"'{target}' is not https: the client's credentials would cross the network in clear text.", target.AbsoluteUri,
                "Use the IdP's https URL (plain http is allowed only on a loopback address).");
        }

        var hasSecret = request.ClientSecret is { IsEmpty: false };
        if (request.Authentication == ClientAuthentication.PrivateKeyJwt ? request.SigningKey is null : !hasSecret)
        {
            throw new CommandFailureException("ClientCredentialMissing", FailureCategory.InvalidArgument,
                $"{Describe(request.Authentication)} needs {(request.Authentication == ClientAuthentication.PrivateKeyJwt ? "a private key" : "a client secret")} for client '{request.ClientId}'.", request.ClientId,
                "Pass -ClientSecret, -Credential or -ClientSecretFile for a secret; -ClientCertificate or -PrivateKeyPath for private_key_jwt.");
        }

        if (ProviderRules.UsesMsal(request.Provider, request.TokenEndpoint is not null) && request.Scopes.Count == 0)
        {
            throw new CommandFailureException("ScopeRequired", FailureCategory.InvalidArgument,
                $"MSAL asks {request.Provider} for client-credentials tokens only with at least one scope.", request.ClientId,
                "Pass -Scope (Entra: '<App ID URI>/.default'), or -TokenEndpoint to ask the token endpoint without a scope.");
        }

        return target;
    }

    internal static string Describe(ClientAuthentication authentication) => authentication switch
    {
        ClientAuthentication.ClientSecretBasic => "client_secret_basic",
        ClientAuthentication.ClientSecretPost => "client_secret_post",
        _ => "private_key_jwt",
    };

    internal static IReadOnlyList<string>? Split(string? scope) => string.IsNullOrWhiteSpace(scope) ? null : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
