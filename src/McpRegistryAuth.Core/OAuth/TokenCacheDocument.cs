using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The token cache file's content: one partition per client, authority and audience, each holding MSAL's own
/// serialized cache (MSAL cache format v3) or a token from the plain token-endpoint path. Keeping MSAL's
/// cache per partition lets tokens for two audiences of one client live side by side, which MSAL's own
/// key (it ignores extra body parameters) would not.
/// </summary>
public sealed class TokenCacheDocument
{
    public const int FormatVersion = 1;

    private readonly JsonObject partitions;

    private TokenCacheDocument(JsonObject partitions, bool wasUnreadable)
    {
        this.partitions = partitions;
        WasUnreadable = wasUnreadable;
    }

    /// <summary>True when the file held something other than this format; it is then treated as empty and rewritten.</summary>
    public bool WasUnreadable { get; }

    public static TokenCacheDocument Parse(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0) return new TokenCacheDocument([], false);
        try
        {
            if (JsonNode.Parse(bytes) is JsonObject root && (int?)root["version"] == FormatVersion && root["partitions"] is JsonObject found)
            {
                root.Remove("partitions");
                return new TokenCacheDocument(found, false);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Unreadable: reported through WasUnreadable and replaced on the next write.
        }

        return new TokenCacheDocument([], true);
    }

    public byte[] ToBytes() =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["version"] = FormatVersion, ["partitions"] = partitions.DeepClone() });

    public IReadOnlyList<TokenCacheEntry> Entries =>
        partitions.Select(p => Describe(p.Key, p.Value as JsonObject)).OfType<TokenCacheEntry>().ToList();

    public byte[]? GetMsal(string key) =>
        partitions[key]?["msal"] is JsonObject msal ? JsonSerializer.SerializeToUtf8Bytes(msal) : null;

    public void SetMsal(TokenCacheEntry entry, byte[] msalCache)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var partition = Partition(entry);
        partition["msal"] = JsonNode.Parse(msalCache);
        // A user's partition holds one sign-in: MSAL's (Entra's device code) or the plain path's, never both.
        if (entry.Flow != AccessTokenResult.ClientCredentialsFlow) partition.Remove("token");
    }

    /// <summary>Drops MSAL's cache from the partition (a refused refresh token), keeping the partition itself.</summary>
    public void RemoveMsal(string key)
    {
        if (partitions[key] is JsonObject partition) partition.Remove("msal");
    }

    /// <summary>
    /// MSAL's access token in the partition for exactly these scopes, when it stays valid until
    /// <paramref name="validUntil"/>; null otherwise, and MSAL's own lookup decides.
    /// </summary>
    public CachedToken? FindMsalToken(string key, IReadOnlyCollection<string> scopes, DateTimeOffset validUntil)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (partitions[key]?["msal"]?["AccessToken"] is not JsonObject items) return null;
        var wanted = new HashSet<string>(scopes, StringComparer.OrdinalIgnoreCase);
        foreach (var (_, item) in items)
        {
            if (item is not JsonObject token || (string?)token["secret"] is not { } secret || !long.TryParse(token["expires_on"]?.ToString(), out var seconds)) continue;
            var target = ((string?)token["target"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var expiresOn = DateTimeOffset.FromUnixTimeSeconds(seconds);
            if (wanted.SetEquals(target) && expiresOn >= validUntil)
            {
                return new CachedToken(new Secret(secret), (string?)token["token_type"] ?? "Bearer", expiresOn, string.Join(' ', target));
            }
        }

        return null;
    }

    public CachedToken? GetToken(string key)
    {
        if (partitions[key]?["token"] is not JsonObject token || (string?)token["access_token"] is not { } value) return null;
        return new CachedToken(new Secret(value), (string?)token["token_type"] ?? "Bearer", DateTimeOffset.FromUnixTimeSeconds((long?)token["expires_on"] ?? 0), (string?)token["scope"],
            (string?)token["refresh_token"] is { Length: > 0 } refresh ? new Secret(refresh) : null);
    }

    public void SetToken(TokenCacheEntry entry, CachedToken token)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(token);
        Partition(entry).Remove("msal");
        Partition(entry)["token"] = new JsonObject
        {
            ["access_token"] = token.AccessToken.Reveal(),
            ["token_type"] = token.TokenType,
            ["expires_on"] = token.ExpiresOn.ToUnixTimeSeconds(),
            ["scope"] = token.Scope,
        };
        if (token.RefreshToken is { } refresh) Partition(entry)["token"]!["refresh_token"] = refresh.Reveal();
    }

    /// <summary>Removes the partitions that match; returns what was removed.</summary>
    public IReadOnlyList<TokenCacheEntry> Remove(Func<TokenCacheEntry, bool> match)
    {
        var removed = Entries.Where(match).ToList();
        foreach (var entry in removed) partitions.Remove(entry.Key);
        return removed;
    }

    private JsonObject Partition(TokenCacheEntry entry)
    {
        if (partitions[entry.Key] is not JsonObject partition)
        {
            partition = new JsonObject();
            partitions[entry.Key] = partition;
        }

        partition["provider"] = entry.Provider;
        partition["client_id"] = entry.ClientId;
        partition["authority"] = entry.Authority;
        partition["audience"] = entry.Audience;
        partition["flow"] = entry.Flow;
        return partition;
    }

    private static TokenCacheEntry? Describe(string key, JsonObject? partition)
    {
        if (partition is null || (string?)partition["client_id"] is not { } clientId) return null;
        return new TokenCacheEntry
        {
            Key = key,
            Provider = (string?)partition["provider"] ?? nameof(OAuthProvider.Oidc),
            ClientId = clientId,
            Authority = (string?)partition["authority"] ?? "",
            Audience = (string?)partition["audience"],
            Flow = (string?)partition["flow"] ?? AccessTokenResult.ClientCredentialsFlow,
            ExpiresOn = LatestExpiry(partition),
        };
    }

    // MSAL v3 keeps expires_on as a string of Unix seconds in each AccessToken item.
    private static DateTimeOffset? LatestExpiry(JsonObject partition)
    {
        var seconds = new List<long>();
        if ((long?)partition["token"]?["expires_on"] is { } plain) seconds.Add(plain);
        if (partition["msal"]?["AccessToken"] is JsonObject items)
        {
            foreach (var (_, item) in items)
            {
                if (item?["expires_on"] is JsonValue value && long.TryParse(value.ToString(), out var s)) seconds.Add(s);
            }
        }

        return seconds.Count == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds.Max());
    }
}
