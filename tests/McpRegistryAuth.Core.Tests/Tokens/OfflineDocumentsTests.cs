using McpRegistryAuth.Core.Tokens;
using Xunit;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Tokens;

public class OfflineDocumentsTests
{
    [Fact]
    public void Offline_JwksFromFileKeepsItsPathAsSource()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jwks-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, DefaultJwks());
        try
        {
            var set = OfflineDocuments.LoadKeySet(path, DateTimeOffset.UnixEpoch);
            Assert.Equal(path, set.Source);
            Assert.Equal(new[] { "rsa-1", "ec-1" }, set.KeyIds);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Offline_JwksAsJsonText() => Assert.Equal(2, OfflineDocuments.LoadKeySet(DefaultJwks(), DateTimeOffset.UnixEpoch).KeyIds.Count);

    [Fact]
    public void Offline_MissingFileNamesTheFile()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => OfflineDocuments.LoadKeySet("/nonexistent/jwks.json", DateTimeOffset.UnixEpoch));
        Assert.Contains("/nonexistent/jwks.json", ex.Message);
    }

    [Fact]
    public void Offline_JwksWithoutKeysIsInvalidDataWithFix()
    {
        var ex = Assert.Throws<InvalidDataException>(() => OfflineDocuments.LoadKeySet("{\"issuer\":\"x\"}", DateTimeOffset.UnixEpoch));
        Assert.Contains("no \"keys\" array", ex.Message);
        Assert.Contains("Fix:", ex.Message);
    }

    [Fact]
    public void Offline_DiscoveryDocumentWithoutJwksUriIsTheServersError()
    {
        var ex = Assert.Throws<InvalidDataException>(() => OfflineDocuments.LoadDiscoveryDocument("{\"issuer\":\"https://idp\"}"));
        Assert.Contains("OIDC configuration missing jwks_uri", ex.Message);
    }
}
