using McpRegistryAuth.Core;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Secrets;

public class SecretFieldNamesTests
{
    [Theory]
    [InlineData("clientSecret", true)]
    [InlineData("authToken", true)]
    [InlineData("REGISTRY_API_TOKEN", true)]
    [InlineData("SECRET_KEY", true)]
    [InlineData("KEYCLOAK_CLIENT_SECRET", true)]
    [InlineData("private_key", true)]
    [InlineData("password", true)]
    [InlineData("issuerUrl", false)]
    [InlineData("clientId", false)]
    [InlineData("groups", false)]
    [InlineData(null, false)]
    public void MayHoldSecret_ByTheFieldName(string? name, bool expected) =>
        Assert.Equal(expected, SecretFieldNames.MayHoldSecret(name));

    [Fact]
    public void Describe_ShowsLengthAndFingerprintOnly()
    {
        var shown = SecretFieldNames.Describe("S3cretMARKERvalue");
        Assert.DoesNotContain("MARKER", shown, StringComparison.Ordinal);
        Assert.Equal($"<17 characters, fingerprint {Fingerprint.Of("S3cretMARKERvalue")}>", shown);
    }
}
