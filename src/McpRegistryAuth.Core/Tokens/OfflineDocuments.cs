namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// A JWKS or discovery document given by the user instead of fetched (air-gapped machines): a file path, or the
/// JSON text itself. Errors name the file and what is wrong, never a key's private parts.
/// </summary>
public static class OfflineDocuments
{
    public static KeySet LoadKeySet(string pathOrJson, DateTimeOffset loadedAt)
    {
        var (json, source) = Read(pathOrJson, "-Jwks");
        return KeySet.Parse(json, source, loadedAt, out var error) ?? throw new InvalidDataException(error + ". Fix: give the JWKS the IdP serves at its jwks_uri ({\"keys\":[...]}).");
    }

    public static DiscoveryDocument LoadDiscoveryDocument(string pathOrJson)
    {
        var (json, source) = Read(pathOrJson, "-DiscoveryDocument");
        return DiscoveryDocument.Parse(json, source, out var error) ?? throw new InvalidDataException($"{source}: {error}. Fix: give the document the IdP serves at .well-known/openid-configuration.");
    }

    private static (string Json, string Source) Read(string pathOrJson, string parameter)
    {
        var trimmed = pathOrJson.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('[')) return (pathOrJson, parameter);
        if (!File.Exists(pathOrJson)) throw new FileNotFoundException($"{parameter}: file '{pathOrJson}' does not exist.", pathOrJson);
        return (Files.BoundedFileReader.ReadAllText(pathOrJson, JsonFetch.MaxBytes), pathOrJson);
    }
}
