using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.RegistryApi;
using McpRegistryAuth.Core.RegistryApi.Diagnosis;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.Gateway.Scopes;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace McpRegistryAuth.Core.Tests.RegistryApi;

/// <summary>401, 403, 412 and 422 answers as each registry sends them, and the error each becomes.</summary>
public sealed class DiagnosisTests
{
    private static CommandFailureException Fail(LoopbackRegistry registry, string path, Secret? token, string? registryType = null, string method = "GET", object? body = null, Core.Gateway.Scopes.ScopeDefinitions? scopes = null, RegistryApiTestKit? kit = null) =>
        Assert.Throws<CommandFailureException>(() => (kit ?? new RegistryApiTestKit()).Open(new()
        {
            Uri = path, RegistryUrl = registry.BaseUri.AbsoluteUri, Token = token, RegistryType = registryType, Method = method, Body = body, Scopes = scopes,
        }).Send(default));

    // The gateway's nginx 401 on MCP blocks and /v0.1/ (spec 1.4).
    private static Task GatewayMcp401(HttpContext c) => LoopbackRegistry.Json(c, 401, """{"error": "Authentication required"}""",
        ("WWW-Authenticate", $"Bearer realm=\"mcp\", resource_metadata=\"http://{c.Request.Host}/.well-known/oauth-protected-resource{c.Request.Path}\""));

    [Fact]
    public async Task NoToken_SaysSo_AndNamesTestRegistryToken()
    {
        await using var registry = await LoopbackRegistry.StartAsync(GatewayMcp401);
        var ex = Fail(registry, "/v0.1/servers", token: null);
        Assert.Equal(RegistryApiFailures.Unauthorized, ex.ErrorId);
        Assert.Equal(FailureCategory.AuthenticationError, ex.Category);
        Assert.Contains($"[{DiagnosisCodes.NoToken}]", ex.Message);
        Assert.Contains("Authentication required", ex.Message);
        Assert.Contains("Test-RegistryToken -Uri", ex.Fix);
        Assert.Equal(registry.Url("/v0.1/servers").AbsoluteUri, ex.Target);
    }

    [Fact]
    public async Task ExpiredJwt_SaysHowLongAgo_WithoutShowingTheToken()
    {
        await using var registry = await LoopbackRegistry.StartAsync(GatewayMcp401);
        var token = RegistryApiTestKit.Jwt(new { iss = "https://kc.example.com/realms/mcp-gateway", exp = RegistryApiTestKit.Epoch(DateTimeOffset.UtcNow.AddMinutes(-30)) });
        var kit = new RegistryApiTestKit();
        var ex = Fail(registry, "/v0.1/servers", token, kit: kit);
        Assert.Contains($"[{DiagnosisCodes.TokenExpired}]", ex.Message);
        Assert.Contains("expired 30 minutes ago", ex.Message);
        Assert.DoesNotContain(token.Reveal(), ex.Message + ex.Fix);
        Assert.DoesNotContain(kit.Lines(), l => l.Contains(token.Reveal(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaticToken_OnAnMcpPathOfTheGateway_IsNamed()
    {
        await using var registry = await LoopbackRegistry.StartAsync(GatewayMcp401);
        var ex = Fail(registry, "/currenttime/mcp", new Secret("static-api-token-0123456789"), registryType: "Gateway", method: "POST", body: "{}");
        Assert.Contains($"[{DiagnosisCodes.StaticTokenOnMcpPath}]", ex.Message);
        Assert.Equal("Bearer static-api-token-0123456789", registry.Requests.Single().Header("X-Authorization"));
    }

    // ToolHive: 401 with resource_metadata; its RFC 9728 document names the resource and the authorization server.
    private static Task ToolHive(HttpContext c)
    {
        if (c.Request.Path.StartsWithSegments("/.well-known/oauth-protected-resource"))
        {
            return LoopbackRegistry.Json(c, 200, $$"""{"resource":"http://{{c.Request.Host}}","authorization_servers":["https://idp.example.com/realms/r1"]}""");
        }

        if (c.Request.Path.StartsWithSegments("/realms"))
        {
            c.Response.StatusCode = 404;
            return Task.CompletedTask;
        }

        return LoopbackRegistry.Json(c, 401, "{\"error\":\"token validation failed\"}\n",
            ("WWW-Authenticate", $"Bearer realm=\"mcp-registry\", error=\"invalid_token\", error_description=\"token validation failed\", resource_metadata=\"http://{c.Request.Host}/.well-known/oauth-protected-resource\""));
    }

    [Fact]
    public async Task ToolHive_AudienceMismatch_ComesFromTheRfc9728Document()
    {
        await using var registry = await LoopbackRegistry.StartAsync(ToolHive);
        var token = RegistryApiTestKit.Jwt(new { iss = "https://idp.example.com/realms/r1", aud = "https://other.example.com", exp = RegistryApiTestKit.Epoch(DateTimeOffset.UtcNow.AddHours(1)) });
        var ex = Fail(registry, "/registry/default/v0.1/servers", token);
        Assert.Contains($"[{DiagnosisCodes.AudienceMismatch}]", ex.Message);
        Assert.Contains("token validation failed", ex.Message);
        Assert.Contains($"-Audience {registry.BaseUri.AbsoluteUri.TrimEnd('/')}", ex.Fix);
        Assert.Contains("-RegistryType ToolHive", ex.Fix);
    }

    [Fact]
    public async Task ToolHive_IssuerMismatch_ComesFromTheRfc9728Document()
    {
        await using var registry = await LoopbackRegistry.StartAsync(ToolHive);
        var token = RegistryApiTestKit.Jwt(new { iss = "https://idp.example.com/realms/other", aud = registry.BaseUri.AbsoluteUri.TrimEnd('/'), exp = RegistryApiTestKit.Epoch(DateTimeOffset.UtcNow.AddHours(1)) });
        var ex = Fail(registry, "/registry/default/v0.1/servers", token);
        Assert.Contains($"[{DiagnosisCodes.IssuerMismatch}]", ex.Message);
        Assert.Contains("https://idp.example.com/realms/other", ex.Message);
    }

    [Fact]
    public async Task ToolHive_MissingHeader_MeansTheServerReadsAnotherHeader()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 401, "{\"error\":\"missing or malformed authorization header\"}\n",
            ("WWW-Authenticate", "Bearer realm=\"mcp-registry\", error=\"invalid_request\", error_description=\"missing or malformed authorization header\"")));
        var ex = Fail(registry, "/registry/default/v0.1/servers", new Secret("tok"), registryType: "Gateway");
        Assert.Contains($"[{DiagnosisCodes.HeaderNotRead}]", ex.Message);
        Assert.Contains("X-Authorization", ex.Message);
    }

    [Fact]
    public async Task OldGateway401_WithTwoContentTypes_IsStillReadAsTheAuthError()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c =>
        {
            c.Response.StatusCode = 401;
            c.Response.Headers.Append("Content-Type", "application/octet-stream");
            c.Response.Headers.Append("Content-Type", "application/json");
            c.Response.Headers.WWWAuthenticate = "Bearer";
            return c.Response.WriteAsync("""{"detail":"Token validation failed"}""");
        });
        var kit = new RegistryApiTestKit();
        var ex = Fail(registry, "/api/servers", new Secret("opaque-token"), kit: kit);
        Assert.Contains("Token validation failed", ex.Message);
        Assert.Contains($"[{DiagnosisCodes.TokenRejected}]", ex.Message);
        Assert.Contains("no static API token of the gateway matched it", ex.Message);
        Assert.Contains(kit.Lines(), l => l.StartsWith("WARNING", StringComparison.Ordinal) && l.Contains(DiagnosisCodes.DoubleContentType, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GatewayApi401_IsNginxsHtmlPage()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c =>
        {
            c.Response.StatusCode = 401;
            c.Response.ContentType = "text/html";
            c.Response.Headers.WWWAuthenticate = "Bearer";
            return c.Response.WriteAsync("<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
        });
        var ex = Fail(registry, "/api/servers", RegistryApiTestKit.Jwt(new { iss = "https://kc.example.com/realms/x", exp = RegistryApiTestKit.Epoch(DateTimeOffset.UtcNow.AddHours(1)) }));
        Assert.Contains("an HTML page titled '401 Authorization Required'", ex.Message);
        Assert.Contains($"[{DiagnosisCodes.TokenRejected}]", ex.Message);
    }

    [Fact]
    public async Task ToolRegistry_InvalidToken_IsNotInTheTokensFile()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 401, """{"detail":"Invalid authentication token"}""", ("WWW-Authenticate", "Bearer")));
        var ex = Fail(registry, "/tools", new Secret("wrong"));
        Assert.Contains($"[{DiagnosisCodes.TokenNotInTokensFile}]", ex.Message);
        Assert.Contains("-RegistryType ToolRegistry", ex.Fix);
    }

    [Fact]
    public async Task Forbidden_WithScopes_NamesTheOperationNoScopeGrants()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 403, """{"error": "Access forbidden"}"""));
        var token = RegistryApiTestKit.Jwt(new { iss = "https://kc.example.com/realms/mcp-gateway", groups = new[] { "registry-users-lob1" }, exp = RegistryApiTestKit.Epoch(DateTimeOffset.UtcNow.AddHours(1)) });
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_stock_aggregates"}}""";
        var ex = Fail(registry, "/fininfo/mcp", token, registryType: "Gateway", method: "POST", body: body, scopes: ScopeFixtures.DefaultMcpScopes());
        Assert.Equal(RegistryApiFailures.Forbidden, ex.ErrorId);
        Assert.Equal(FailureCategory.PermissionDenied, ex.Category);
        Assert.Contains($"[{DiagnosisCodes.ScopeDoesNotGrant}]", ex.Message);
        Assert.Contains("fininfo", ex.Message);
    }

    [Fact]
    public async Task Forbidden_WithoutScopes_AsksForThem_AndReadsToolHivesReason()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 403, """{"error":"forbidden: insufficient permissions"}"""));
        var ex = Fail(registry, "/v1/sources", new Secret("tok"));
        Assert.Contains($"[{DiagnosisCodes.Forbidden}]", ex.Message);
        Assert.Contains("roles lack", ex.Message);
        Assert.Contains("-ScopesPath", ex.Fix);
    }

    [Fact]
    public async Task PreconditionFailed_SaysTheRecordChanged()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => c.Request.Headers.IfMatch == "W/\"1700000000000\""
            ? LoopbackRegistry.Json(c, 200, "{}")
            : LoopbackRegistry.Json(c, 412, """{"detail":"Server was modified since it was read"}"""));
        var ex = Assert.Throws<CommandFailureException>(() => new RegistryApiTestKit().Open(new()
        {
            Uri = "/api/servers/currenttime", Method = "PATCH", Body = new Dictionary<string, object?> { ["description"] = "x" },
            Headers = [new("If-Match", "W/\"1699999999999\"")], RegistryUrl = registry.BaseUri.AbsoluteUri,
        }).Send(default));
        Assert.Equal(RegistryApiFailures.PreconditionFailed, ex.ErrorId);
        Assert.Contains("changed since it was read", ex.Message);
        Assert.Contains("If-Match", ex.Fix);
        Assert.Equal("W/\"1699999999999\"", registry.Requests.Single().Header("If-Match"));
    }

    [Fact]
    public async Task ValidationFailed_ListsTheServersDetails()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 422,
            """{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":null},{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer"}]}"""));
        var ex = Assert.Throws<CommandFailureException>(() => new RegistryApiTestKit().Open(new() { Uri = "/api/servers/register", Method = "POST", Body = new Dictionary<string, object?> { ["path"] = "/x" }, RegistryUrl = registry.BaseUri.AbsoluteUri }).Send(default));
        Assert.Equal(RegistryApiFailures.ValidationFailed, ex.ErrorId);
        Assert.Equal(FailureCategory.InvalidData, ex.Category);
        Assert.Contains("body.name: Field required [missing]", ex.Message);
        Assert.Contains("query.limit: Input should be a valid integer [int_parsing]", ex.Message);
    }

    [Fact]
    public async Task TokensInTheAnswer_AreFingerprints_UnlessAsPlainText()
    {
        const string Minted = """{"success":true,"tokens":{"access_token":"eyJhbGciOi.secret.part","refresh_token":"r-123","expires_in":28800,"token_type":"Bearer"},"client_id":"user-generated"}""";
        await using var registry = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 200, Minted));
        var kit = new RegistryApiTestKit();
        var call = new RegistryApiCall { Uri = "/api/tokens/generate", Method = "POST", Body = new Dictionary<string, object?> { ["expires_in_hours"] = 8 }, RegistryUrl = registry.BaseUri.AbsoluteUri };
        var masked = kit.Open(call);
        using (var document = masked.Parse(masked.Send(default)))
        {
            var tokens = document.Element.GetProperty("tokens");
            Assert.Equal($"<token {Fingerprint.Of("eyJhbGciOi.secret.part")}>", tokens.GetProperty("access_token").GetString());
            Assert.Equal($"<token {Fingerprint.Of("r-123")}>", tokens.GetProperty("refresh_token").GetString());
            Assert.Equal(28800, tokens.GetProperty("expires_in").GetInt32());
        }

        var raw = masked.RawBody(masked.Send(default));
        Assert.DoesNotContain("secret.part", raw);
        var plain = kit.Open(call with { AsPlainText = true });
        using var clear = plain.Parse(plain.Send(default));
        Assert.Equal("eyJhbGciOi.secret.part", clear.Element.GetProperty("tokens").GetProperty("access_token").GetString());
        Assert.Equal("application/json", registry.Requests.First().Header("Content-Type"));
        Assert.Equal("""{"expires_in_hours":8}""", registry.Requests.First().Body);
    }
}
