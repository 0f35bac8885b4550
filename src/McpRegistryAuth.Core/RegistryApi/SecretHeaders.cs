namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>
/// Response headers that carry a credential: Set-Cookie holds a session (the gateway's login sets
/// mcp_gateway_session), which opens the registry like a token. Its value is shown as a fingerprint,
/// its name and attributes as sent.
/// </summary>
public static class SecretHeaders
{
    public static string[] Mask(string name, string[] values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        return name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase) ? values.Select(MaskCookie).ToArray() : values;
    }

    private static string MaskCookie(string cookie)
    {
        var equals = cookie.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0) return cookie;
        var end = cookie.IndexOf(';', equals);
        var value = end < 0 ? cookie[(equals + 1)..] : cookie[(equals + 1)..end];
        return value.Length == 0 ? cookie : cookie[..(equals + 1)] + TokenFields.Mask(value) + (end < 0 ? "" : cookie[end..]);
    }
}
