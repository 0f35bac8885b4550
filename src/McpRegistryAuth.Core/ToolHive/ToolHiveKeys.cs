namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The keys the server decodes at each level, in their documented spelling. The server matches them
/// case-insensitively (mapstructure <c>EqualFold</c> on Go field names); any other key is ignored.
/// </summary>
internal static class ToolHiveKeys
{
    public static readonly string[] Auth = ["mode", "publicPaths", "oauth", "authz", "insecureAllowHTTP"];
    public static readonly string[] OAuth = ["resourceUrl", "realm", "providers"];
    public static readonly string[] Provider = ["name", "issuerUrl", "audience", "jwksUrl", "introspectionUrl", "clientId", "clientSecretFile", "caCertPath", "authTokenFile", "allowPrivateIP"];
    public static readonly string[] Authz = ["roles"];
    public static readonly string[] Roles = ["superAdmin", "manageSources", "manageRegistries", "manageEntries"];

    /// <summary>The documented key whose lower-case form equals <paramref name="lowerKey"/>, or null.</summary>
    public static string? Match(IEnumerable<string> known, string lowerKey) =>
        known.FirstOrDefault(k => string.Equals(k, lowerKey, StringComparison.OrdinalIgnoreCase));

    /// <summary>The nearest documented key by edit distance (ignoring case, '_' and '-'), when close enough to be a typo.</summary>
    public static string? Nearest(IEnumerable<string> known, string key)
    {
        var plain = Normalize(key);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(plain, Normalize(candidate));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return bestDistance <= Math.Max(2, plain.Length / 3) ? best : null;
    }

    /// <summary>True when the key is a known key written with '_' or '-' (e.g. <c>issuer_url</c>), which the server does not match.</summary>
    public static string? SeparatorSpelling(IEnumerable<string> known, string key) =>
        key.Contains('_') || key.Contains('-') ? known.FirstOrDefault(k => Normalize(k) == Normalize(key)) : null;

    private static string Normalize(string key) => key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
