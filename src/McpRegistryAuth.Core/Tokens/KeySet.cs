using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>A JSON Web Key Set (RFC 7517) as a server sees it: the keys by <c>kid</c>, looked up by exact match.</summary>
public sealed class KeySet
{
    private readonly IReadOnlyList<JsonWebKey> keys;

    // Each JWK converted once to a native key, so verification does not rebuild RSA/ECDsa objects per token.
    private readonly IReadOnlyList<SecurityKey> nativeKeys;

    private KeySet(IReadOnlyList<JsonWebKey> keys, string source, DateTimeOffset loadedAt)
    {
        this.keys = keys;
        nativeKeys = keys.Select(ToNative).ToArray();
        KeyIds = keys.Select(k => k.Kid ?? "").ToArray();
        Source = source;
        LoadedAt = loadedAt;
    }

    /// <summary>Where the set came from: a URL or a file path.</summary>
    public string Source { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The lifetime the JWKS response advertised (Cache-Control max-age, else Expires); null when none or offline.</summary>
    public TimeSpan? AdvertisedMaxAge { get; private set; }

    internal KeySet WithAdvertisedMaxAge(TimeSpan? maxAge)
    {
        AdvertisedMaxAge = maxAge;
        return this;
    }

    /// <summary>The <c>kid</c> of every key, in document order (keys without one are shown as empty).</summary>
    public IReadOnlyList<string> KeyIds { get; }

    /// <summary>Key types alongside their kid, e.g. <c>rsa-1 (RSA)</c>.</summary>
    public IReadOnlyList<string> Describe() => keys.Select(k => $"{k.Kid ?? "<no kid>"} ({k.Kty}{(k.Alg is null ? "" : ", " + k.Alg)})").ToArray();

    internal IReadOnlyList<JsonWebKey> Keys => keys;

    /// <summary>Exact, case-sensitive kid match; the first key with that kid, as jwx and PyJWT loops do.</summary>
    internal SecurityKey? FindByKeyId(string kid)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.Equals(keys[i].Kid, kid, StringComparison.Ordinal)) return nativeKeys[i];
        }

        return null;
    }

    private static SecurityKey ToNative(JsonWebKey jwk)
    {
        try
        {
            return JsonWebKeyConverter.TryConvertToSecurityKey(jwk, out var native) ? native : jwk;
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException or FormatException)
        {
            return jwk; // an unusable key; verification then names it
        }
    }

    /// <summary>Parses a JWKS document. Returns null with a reason naming what is wrong with its shape.</summary>
    public static KeySet? Parse(string json, string source, DateTimeOffset loadedAt, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"{source}: a JWKS must be a JSON object with a \"keys\" array; found a JSON {JsonObjectView.KindName(document.RootElement.ValueKind)}";
                return null;
            }

            if (!document.RootElement.TryGetProperty("keys", out var keysElement) || keysElement.ValueKind != JsonValueKind.Array)
            {
                error = $"{source}: the JWKS has no \"keys\" array";
                return null;
            }

            var list = new List<JsonWebKey>();
            var index = 0;
            foreach (var element in keysElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    error = $"{source}: keys[{index}] is not a JSON object";
                    return null;
                }

                list.Add(new JsonWebKey(element.GetRawText()));
                index++;
            }

            return new KeySet(list, source, loadedAt);
        }
        catch (JsonException e)
        {
            error = $"{source}: {JsonParseError.Describe(e)}";
            return null;
        }
        catch (ArgumentException)
        {
            error = $"{source}: a key in the JWKS could not be read";
            return null;
        }
    }
}
