using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Requests;
using McpRegistryAuth.Core.Tokens;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>
/// Requests as Test-RegistryToken builds them, answered by the whole gateway token test (pipeline, JWT stage,
/// what /validate decides after authentication): a Keycloak deployment with static tokens on and a valid SECRET_KEY.
/// </summary>
internal static class ValidateTestBed
{
    public const string KcIssuer = "https://kc.example.com/realms/mcp-gateway";

    public const string ToolsList = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";

    public static string Call(string tool) => """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":""" + System.Text.Json.JsonSerializer.Serialize(tool) + ""","arguments":{}}}""";

    public static string Rpc(string method) => $$$"""{"jsonrpc":"2.0","id":3,"method":"{{{method}}}","params":{}}""";

    /// <summary>The default scopes.yml of release 1.24 (the test fixture).</summary>
    public static ScopeDefinitions V124Scopes() => ScopesYamlLoader.Load(Scopes.ScopeFixtures.FixturePath("default-scopes.yml"));

    public static (string Name, string Value)[] Settings(params (string Name, string Value)[] extra) =>
    [
        ("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", GatewayTestData.LegacyToken), ("SECRET_KEY", SecretKey),
        .. Keycloak().Where(kv => !extra.Any(e => e.Name == kv.Key)).Select(kv => (kv.Key, kv.Value)), .. extra,
    ];

    public static GatewayTokenTest Test(ScopeDefinitions? scopes = null, GatewayRelease release = GatewayRelease.V130, params (string Name, string Value)[] extra)
    {
        var settings = Settings(extra);
        return new GatewayTokenTest(GatewayTestData.Config(release, settings), settings.ToDictionary(s => s.Name, s => s.Value), new GatewayJwtStage(new FixedKeySetSource(Keys), selfSigned: new SelfSignedVerification(release)), scopes);
    }

    public static TokenTestRequest Request(string? token, string url, string? body = null, params (string Name, string Value)[] headers) => new()
    {
        At = At,
        Token = token is null ? null : new Secret(token),
        Uri = new Uri(url, UriKind.RelativeOrAbsolute),
        Body = body,
        Headers = headers.Select(h => new KeyValuePair<string, Secret>(h.Name, new Secret(h.Value))).ToArray(),
    };

    /// <summary>A Keycloak access token for the gateway's client with these groups (none: no groups claim).</summary>
    public static string Kc(params string[] groups) => groups.Length == 0
        ? RsaToken(new { iss = KcIssuer, aud = "mcp-gateway", preferred_username = "bob", azp = "mcp-gateway-web", exp = In(300) })
        : RsaToken(new { iss = KcIssuer, aud = "mcp-gateway", preferred_username = "bob", azp = "mcp-gateway-web", exp = In(300), groups });

    public static Task<Verdict> Answer(GatewayTokenTest test, TokenTestRequest request) => test.EvaluateAsync(request);

    /// <summary>The answer for a Keycloak token with <paramref name="groups"/> under the default scopes of release 1.24.</summary>
    public static Task<Verdict> AnswerUnderV124Scopes(string[] groups, string url, string? body = null) => Answer(Test(V124Scopes()), Request(Kc(groups), url, body));
}
