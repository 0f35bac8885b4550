using Xunit;
using System.Text.Json;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.TokenFiles;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Tests.Gateway.TokenFiles;

public sealed class GatewayTokenFileBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static GatewayTokenFileRequest Ingress(string provider, string issuer) => new()
    {
        Kind = GatewayTokenFileKind.Ingress, Token = new Secret("eyJ.access.token"), ExpiresOn = Now.AddSeconds(3600.5),
        ClientId = "m2m-client", Issuer = issuer, ModuleProvider = provider,
    };

    [Fact]
    public void Ingress_Keycloak_HasTheScriptsKeysInTheirOrder()
    {
        var (text, notes) = GatewayTokenFileBuilder.Build(Ingress("Keycloak", "https://kc.example.com/realms/mcp-gateway"), Now);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(
            ["provider", "access_token", "refresh_token", "expires_at", "expires_at_human", "token_type", "client_id", "saved_at", "keycloak_url", "realm", "usage_notes"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        var root = document.RootElement;
        Assert.Equal("keycloak_m2m", root.GetProperty("provider").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("refresh_token").ValueKind);
        Assert.Equal(1796194800.5, root.GetProperty("expires_at").GetDouble());
        Assert.Equal("2026-12-02 07:00:00 UTC", root.GetProperty("expires_at_human").GetString());
        Assert.Equal("2026-12-02 06:00:00 UTC", root.GetProperty("saved_at").GetString());
        Assert.Equal("https://kc.example.com", root.GetProperty("keycloak_url").GetString());
        Assert.Equal("mcp-gateway", root.GetProperty("realm").GetString());
        Assert.Equal("This token is for INGRESS authentication to the MCP Gateway (Keycloak M2M)", root.GetProperty("usage_notes").GetString());
        Assert.Empty(notes);
        Assert.StartsWith("{\n  \"provider\": \"keycloak_m2m\",\n", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Ingress_ExpiresAt_IsAlwaysAFloat_AsPythonWritesIt()
    {
        var (text, _) = GatewayTokenFileBuilder.Build(Ingress("Keycloak", "https://kc/realms/r") with { ExpiresOn = Now }, Now);
        Assert.Contains("\"expires_at\": 1796191200.0,", text);
    }

    [Fact]
    public void Ingress_Cognito_ReadsPoolAndRegionFromTheIssuer()
    {
        var (text, _) = GatewayTokenFileBuilder.Build(Ingress("Cognito", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123"), Now);
        using var document = JsonDocument.Parse(text);
        Assert.Equal("cognito_m2m", document.RootElement.GetProperty("provider").GetString());
        Assert.Equal("eu-west-1_AbC123", document.RootElement.GetProperty("user_pool_id").GetString());
        Assert.Equal("eu-west-1", document.RootElement.GetProperty("region").GetString());
    }

    [Fact]
    public void Ingress_Entra_ReadsTheTenant()
    {
        var (text, _) = GatewayTokenFileBuilder.Build(Ingress("Entra", "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0"), Now);
        Assert.Equal("11111111-2222-3333-4444-555555555555", JsonDocument.Parse(text).RootElement.GetProperty("tenant_id").GetString());
    }

    [Fact]
    public void Ingress_FieldNotInTheIssuer_IsNull_WithANote()
    {
        var (text, notes) = GatewayTokenFileBuilder.Build(Ingress("Oidc", "https://127.0.0.1:4443") with { GatewayProvider = "keycloak_m2m" }, Now);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(text).RootElement.GetProperty("realm").ValueKind);
        Assert.Equal(2, notes.Count);
        Assert.Contains("realm is written as null", notes[1]);
    }

    [Fact]
    public void Ingress_ForAProviderTheScriptsDoNotKnow_AsksForGatewayProvider()
    {
        var ex = Assert.Throws<CommandFailureException>(() => GatewayTokenFileBuilder.Build(Ingress("Okta", "https://okta"), Now));
        Assert.Equal("GatewayProviderUnknown", ex.ErrorId);
        Assert.Contains("-GatewayProvider", ex.Fix);
    }

    [Fact]
    public void Egress_IsNamedAfterProviderAndServer_WithScopesArray()
    {
        var request = new GatewayTokenFileRequest
        {
            Kind = GatewayTokenFileKind.Egress, Token = new Secret("egress-token"), RefreshToken = new Secret("refresh"), ExpiresOn = Now.AddHours(1),
            GatewayProvider = "atlassian", ServerName = "jira", CloudId = "cloud-1", Scopes = ["read:jira-work", "offline_access"],
        };
        Assert.Equal("atlassian-jira-egress.json", GatewayTokenFileBuilder.FileName(request));
        Assert.Equal("atlassian-egress.json", GatewayTokenFileBuilder.FileName(request with { ServerName = null }));
        using var document = JsonDocument.Parse(GatewayTokenFileBuilder.Build(request, Now).Text);
        Assert.Equal(
            ["provider", "access_token", "refresh_token", "expires_at", "expires_at_human", "cloud_id", "scopes", "saved_at", "usage_notes"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("refresh", document.RootElement.GetProperty("refresh_token").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("scopes").GetArrayLength());
    }

    [Fact]
    public void WrittenIngress_IsReadBack_ByTheGatewayCliAndTheTokenSources()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, ".oauth-tokens", "ingress.json");
        var (text, _) = GatewayTokenFileBuilder.Build(Ingress("Keycloak", "https://kc/realms/r") with { ExpiresOn = DateTimeOffset.UtcNow.AddHours(1) }, DateTimeOffset.UtcNow);
        GatewayTokenFileWriter.Write(path, text, overwrite: false);
        Assert.Equal("eyJ.access.token", GatewayCliTokenFile.Read(path).Token.Reveal());
        var environment = new GatewayTokenEnvironment { Variable = _ => null, CurrentDirectory = dir.Path, HomeDirectory = dir.Path };
        Assert.Equal("eyJ.access.token", GatewayTokenSources.Locate(GatewayTool.McpUtils, environment, null, DateTimeOffset.UtcNow).Token.Reveal());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }

        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void Writer_NeverReplacesAnExistingFile_UnlessAsked()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ingress.json", "old");
        var ex = Assert.Throws<CommandFailureException>(() => GatewayTokenFileWriter.Write(path, "new", overwrite: false));
        Assert.Equal("GatewayTokenFileExists", ex.ErrorId);
        Assert.Equal("old", File.ReadAllText(path));
        GatewayTokenFileWriter.Write(path, "new", overwrite: true);
        Assert.Equal("new", File.ReadAllText(path));
    }
}
