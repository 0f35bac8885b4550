using Xunit;

namespace McpRegistryAuth.Core.Tests.Idp;

/// <summary>The test IdP laid out like a Keycloak realm: issuer /realms/mcp-gateway, JWKS at …/protocol/openid-connect/certs.</summary>
public sealed class KeycloakShapedIdp : IAsyncLifetime
{
    public const string Realm = "mcp-gateway";
    public const string RealmPath = "/realms/" + Realm;
    public const string TokenPath = RealmPath + "/protocol/openid-connect/token";

    public IdpServer Server { get; private set; } = null!;

    public static Task<IdpServer> StartAsync() => IdpServer.StartAsync(RealmPath, audience: "mcp-gateway", routes: new Dictionary<string, string>
    {
        ["jwks"] = RealmPath + "/protocol/openid-connect/certs",
        ["token"] = TokenPath,
        ["introspection"] = TokenPath + "/introspect",
    });

    public Dictionary<string, string> GatewayEnvironment() => new()
    {
        ["AUTH_PROVIDER"] = "keycloak",
        ["KEYCLOAK_URL"] = Server.BaseUrl,
        ["KEYCLOAK_REALM"] = Realm,
        ["KEYCLOAK_CLIENT_ID"] = "mcp-gateway-web",
        ["KEYCLOAK_CLIENT_SECRET"] = "unused",
    };

    public async Task InitializeAsync() => Server = await StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
