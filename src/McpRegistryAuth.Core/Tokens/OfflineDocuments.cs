namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// A JWKS or discovery document given by the user instead of fetched (air-gapped machines): a file path, or the
/// JSON text itself. Errors name the file and what is wrong, never a key's private parts.
/// </summary>
public static class OfflineDocuments
{
    /// <param name="pathOrJson">A file path, or the JSON text itself.</param>
    /// <param name="loadedAt">When the key set was read (its LoadedAt).</param>
    /// <param name="resolvePath">Turns a path as the user gave it into a file system path; not applied to JSON text.</param>
    /// <param name="parameter">The parameter named in messages: -Jwks (the IdP's key set) or -InternalJwks (the gateway auth server's).</param>
    public static KeySet LoadKeySet(string pathOrJson, DateTimeOffset loadedAt, Func<string, string>? resolvePath = null, string parameter = "-Jwks")
    {
        var (json, source) = Read(pathOrJson, parameter, resolvePath);
        var fix = parameter == "-Jwks" ? "give the JWKS the IdP serves at its jwks_uri" : "give the key set the auth server serves at /.well-known/internal-jwks.json";
        return KeySet.Parse(json, source, loadedAt, out var error) ?? throw new InvalidDataException(error + $". Fix: {fix} ({{\"keys\":[...]}}).");
    }

    /// <param name="pathOrJson">A file path, or the JSON text itself.</param>
    /// <param name="resolvePath">Turns a path as the user gave it into a file system path; not applied to JSON text.</param>
    public static DiscoveryDocument LoadDiscoveryDocument(string pathOrJson, Func<string, string>? resolvePath = null)
    {
        var (json, source) = Read(pathOrJson, "-DiscoveryDocument", resolvePath);
        return DiscoveryDocument.Parse(json, source, out var error) ?? throw new InvalidDataException($"{source}: {error}. Fix: give the document the IdP serves at .well-known/openid-configuration.");
    }

    private static (string Json, string Source) Read(string value, string parameter, Func<string, string>? resolvePath)
    {
        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('[')) return (value, parameter);
        var pathOrJson = resolvePath is null ? value : resolvePath(value);
        if (!File.Exists(pathOrJson)) throw new FileNotFoundException($"{parameter}: file '{pathOrJson}' does not exist.", pathOrJson);
        return (Files.BoundedFileReader.ReadAllText(pathOrJson, JsonFetch.MaxBytes), pathOrJson);
    }
}
