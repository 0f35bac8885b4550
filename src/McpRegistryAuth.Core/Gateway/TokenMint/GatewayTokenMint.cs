using System.Text.Json;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.RegistryApi;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.TokenMint;

/// <summary>
/// Mints a self-signed gateway token through the registry's <c>POST /api/tokens/generate</c>
/// (gateway-client-tools.md, "Minting"; auth spec 5.2): a JSON body of requested_scopes, expires_in_hours,
/// description and resource{type,id}, sent with the caller's token through the Invoke-RegistryApi client
/// (so its transport rules apply: no bearer over plain http to a host other than loopback unless allowed).
/// The answer's tokens.access_token becomes the token; its refresh_token is kept in the token cache.
/// The registry refuses scopes beyond the caller's (403), hours outside 1..max (400) and more than
/// 100 mints an hour (429); each refusal is the server's own message. A mint is never retried.
/// </summary>
public static class GatewayTokenMint
{
    public const string MintFlow = "GatewayMint";
    public const string GeneratePath = "/api/tokens/generate";

    /// <summary>The request body as the registry reads it.</summary>
    /// <exception cref="CommandFailureException">ResourceInvalid: the resource is not "type/id".</exception>
    public static Dictionary<string, object?> Body(GatewayTokenMintRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new Dictionary<string, object?>();
        if (request.RequestedScopes.Count > 0) body["requested_scopes"] = request.RequestedScopes.ToArray();
        if (request.ExpiresInHours is { } hours) body["expires_in_hours"] = hours;
        if (request.Description is not null) body["description"] = request.Description;
        if (request.Resource is { } resource)
        {
            var slash = resource.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == resource.Length - 1)
            {
                throw new CommandFailureException("ResourceInvalid", FailureCategory.InvalidArgument,
                    $"-Resource '{resource}' is not type/id.", resource, "Name the resource as type/id, e.g. server/currenttime or agent/travel-agent.");
            }

            // The registry strips leading and trailing '/' from the id (normalize_resource_id).
            body["resource"] = new Dictionary<string, string> { ["type"] = resource[..slash], ["id"] = resource[(slash + 1)..] };
        }

        return body;
    }

    /// <exception cref="CommandFailureException">The registry refused (its ErrorIds of RegistryApiFailures), or the answer has no token.</exception>
    public static (AccessTokenResult Result, Secret? RefreshToken) Mint(GatewayTokenMintRequest request, OperationLog log, DateTimeOffset now, CancellationToken cancellationToken, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var call = new RegistryApiCall
        {
            Uri = GeneratePath, Method = "POST", Body = Body(request), RegistryUrl = request.Gateway, RegistryType = nameof(RegistryType.Gateway),
            Token = request.CallerToken, Timeout = request.Timeout, MaximumRetryCount = 0, AllowUnencryptedAuthentication = request.AllowUnencryptedAuthentication,
            AsPlainText = true,
        };
        var invoker = RegistryApiInvoker.Open(call, log, http);
        log.Verbose($"Minting at {invoker.Description} with the caller's token {request.CallerToken.Fingerprint}: " +
            $"scopes {(request.RequestedScopes.Count == 0 ? "(all of the caller's)" : string.Join(' ', request.RequestedScopes))}, " +
            $"{(request.ExpiresInHours is { } h ? $"{h} hour(s)" : "the registry's default lifetime")}{(request.Resource is null ? "" : $", bound to {request.Resource}")}.");
        var response = invoker.Send(cancellationToken);
        using var document = invoker.ParseDocument(response, masked: false);
        var result = Read(document.RootElement, response.Uri, now, out var refresh, out var userScopes);
        log.Verbose($"The registry minted token {result.Fingerprint} ({result.Scopes.Count} scope(s), valid until {result.ExpiresOn:u})" +
            (userScopes is null ? "" : $"; the caller's scopes: {userScopes}") + (refresh is null ? "." : "; its refresh token is kept in the token cache."));
        if (request.CachePath is { } cachePath) Keep(cachePath, request, result, refresh, cancellationToken);
        return (result, refresh);
    }

    /// <summary>The answer's tokens object as a token result.</summary>
    /// <exception cref="CommandFailureException">MintResponseInvalid: no tokens.access_token.</exception>
    public static AccessTokenResult Read(JsonElement root, Uri source, DateTimeOffset now, out Secret? refreshToken, out string? userScopes)
    {
        var tokens = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("tokens", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
        var access = Text(tokens, "access_token") ?? throw new CommandFailureException("MintResponseInvalid", FailureCategory.InvalidData,
            $"{source} answered without tokens.access_token.", source.AbsoluteUri, "Check that the URL is the registry's, and its version (1.24 or later mints tokens).");
        refreshToken = Text(tokens, "refresh_token") is { Length: > 0 } r ? new Secret(r) : null;
        userScopes = root.TryGetProperty("user_scopes", out var u) && u.ValueKind == JsonValueKind.Array ? string.Join(' ', u.EnumerateArray().Select(s => s.ToString())) : null;
        var expiresIn = tokens.TryGetProperty("expires_in", out var e) && e.TryGetDouble(out var seconds) ? seconds : 8 * 3600;
        var token = new Secret(access);
        var (issuer, audiences, _) = TokenInspector.ReadClaims(token);
        return new AccessTokenResult
        {
            Token = token, TokenType = Text(tokens, "token_type") ?? "Bearer", ExpiresOn = now.AddSeconds(expiresIn),
            Scopes = (Text(tokens, "scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Issuer = issuer, Audience = audiences, ClientId = Text(root, "client_id") ?? "user-generated",
            Provider = OAuthProvider.Oidc, ProviderName = "Gateway", Flow = MintFlow,
        };
    }

    private static void Keep(string cachePath, GatewayTokenMintRequest request, AccessTokenResult result, Secret? refresh, CancellationToken cancellationToken)
    {
        var scopes = string.Join(' ', request.RequestedScopes.Order(StringComparer.Ordinal));
        var entry = new TokenCacheEntry
        {
            Key = $"GatewayMint {request.Gateway.TrimEnd('/')} {request.Resource} {scopes}".TrimEnd(),
            Provider = "Gateway", ClientId = result.ClientId, Authority = request.Gateway, Flow = MintFlow,
        };
        var cached = new CachedToken(result.Token, result.TokenType, result.ExpiresOn, string.Join(' ', result.Scopes), refresh);
        new TokenCacheFile(cachePath).UpdateAsync(document =>
        {
            document.SetToken(entry, cached);
            return Task.FromResult((true, true));
        }, TimeSpan.FromSeconds(30), cancellationToken).GetAwaiter().GetResult();
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
