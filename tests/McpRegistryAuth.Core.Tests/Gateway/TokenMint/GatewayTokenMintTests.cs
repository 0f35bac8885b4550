using Xunit;
using System.Text.Json;
using McpRegistryAuth.Core.Gateway.TokenMint;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.RegistryApi;
using McpRegistryAuth.Core.Tests.Tokens;
using Microsoft.AspNetCore.Http;

namespace McpRegistryAuth.Core.Tests.Gateway.TokenMint;

/// <summary>Against a loopback Kestrel registry that answers POST /api/tokens/generate as the reference describes.</summary>
public sealed class GatewayTokenMintTests
{
    private const string CallerToken = "caller-token-with-two-scopes";
    private static readonly string[] CallerScopes = ["mcp-servers-unrestricted/read", "mcp-servers-unrestricted/execute"];
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    // The registry's rules: 1..MCP_TOKEN_MAX_TTL_HOURS (24), requested scopes a subset of the caller's (403), default all of them.
    private static async Task Generate(HttpContext context, string requestBody)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {CallerToken}")
        {
            await LoopbackRegistry.Json(context, 401, """{"detail":"Authentication required"}""");
            return;
        }

        var body = JsonDocument.Parse(requestBody.Length == 0 ? "{}" : requestBody).RootElement;
        var hours = body.TryGetProperty("expires_in_hours", out var h) ? h.GetInt32() : 8;
        if (hours < 1 || hours > 24)
        {
            await LoopbackRegistry.Json(context, 400, """{"detail":"expires_in_hours must be between 1 and 24"}""");
            return;
        }

        var asked = body.TryGetProperty("requested_scopes", out var s) ? s.EnumerateArray().Select(e => e.GetString()!).ToArray() : CallerScopes;
        var invalid = asked.Where(a => !CallerScopes.Contains(a)).ToArray();
        if (invalid.Length > 0)
        {
            await LoopbackRegistry.Json(context, 403, JsonSerializer.Serialize(new { detail = $"Requested scopes exceed user permissions. Invalid scopes: ['{string.Join("', '", invalid)}']" }));
            return;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var minted = TestJwt.Sign(new { alg = "HS256", typ = "JWT" }, new { iss = "mcp-auth-server", aud = "mcp-registry", sub = "alice", scope = string.Join(' ', asked), token_use = "access", token_kind = body.TryGetProperty("resource", out _) ? "resource" : "user", iat = now, exp = now + hours * 3600 }, hmacKey: new byte[32]);
        await LoopbackRegistry.Json(context, 200, JsonSerializer.Serialize(new
        {
            success = true,
            tokens = new { access_token = minted, refresh_token = "minted-refresh", expires_in = hours * 3600, refresh_expires_in = 86400, token_type = "Bearer", scope = string.Join(' ', asked) },
            client_id = "user-generated", user_scopes = CallerScopes, requested_scopes = asked,
        }));
    }

    private static async Task<LoopbackRegistry> StartRegistry()
    {
        LoopbackRegistry? registry = null;
        registry = await LoopbackRegistry.StartAsync(context => Generate(context, registry!.Requests.ToArray()[^1].Body));
        return registry;
    }

    private static GatewayTokenMintRequest Request(LoopbackRegistry registry) => new() { Gateway = registry.BaseUri.AbsoluteUri, CallerToken = new Secret(CallerToken) };

    [Fact]
    public async Task Mint_SendsTheBodyAsJson_AndReturnsTheMintedToken()
    {
        await using var registry = await StartRegistry();
        using var dir = new TempDirectory();
        var request = Request(registry) with { RequestedScopes = ["mcp-servers-unrestricted/read"], ExpiresInHours = 2, Resource = "server/currenttime", Description = "ci", CachePath = dir.File("cache.json") };
        var log = new OperationLog();
        var (result, refresh) = GatewayTokenMint.Mint(request, log, Now, default);
        var sent = registry.Requests.Single();
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/api/tokens/generate", sent.PathAndQuery);
        Assert.Equal("""{"requested_scopes":["mcp-servers-unrestricted/read"],"expires_in_hours":2,"description":"ci","resource":{"type":"server","id":"currenttime"}}""", sent.Body);
        Assert.Equal(["mcp-servers-unrestricted/read"], result.Scopes);
        Assert.Equal(Now.AddHours(2), result.ExpiresOn);
        Assert.Equal("mcp-auth-server", result.Issuer);
        Assert.Equal(["mcp-registry"], result.Audience);
        Assert.Equal("user-generated", result.ClientId);
        Assert.Equal(GatewayTokenMint.MintFlow, result.Flow);
        Assert.Equal("minted-refresh", refresh!.Reveal());
        var entry = Assert.Single(new TokenCacheFile(request.CachePath!).ReadEntries());
        Assert.Equal("Gateway", entry.Provider);
        Assert.Equal("minted-refresh", new TokenCacheFile(request.CachePath!).ReadWithoutLock()!.GetToken(entry.Key)!.RefreshToken!.Reveal());
        var lines = new List<string>();
        log.Drain(lines.Add, lines.Add);
        Assert.DoesNotContain(lines, l => l.Contains(CallerToken, StringComparison.Ordinal) || l.Contains(result.Token.Reveal(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mint_ScopesTheCallerLacks_Is403_WithTheRegistrysMessage()
    {
        await using var registry = await StartRegistry();
        var ex = Assert.Throws<CommandFailureException>(() => GatewayTokenMint.Mint(Request(registry) with { RequestedScopes = ["registry-admins"] }, new OperationLog(), Now, default));
        Assert.Equal(FailureCategory.PermissionDenied, ex.Category);
        Assert.Contains("Requested scopes exceed user permissions. Invalid scopes: ['registry-admins']", ex.Message);
    }

    [Fact]
    public async Task Mint_HoursAboveTheRegistrysMaximum_Is400_AndNotRetried()
    {
        await using var registry = await StartRegistry();
        var ex = Assert.Throws<CommandFailureException>(() => GatewayTokenMint.Mint(Request(registry) with { ExpiresInHours = 48 }, new OperationLog(), Now, default));
        Assert.Contains("expires_in_hours must be between 1 and 24", ex.Message);
        Assert.Single(registry.Requests);
    }

    [Fact]
    public async Task Mint_WithoutScopes_AsksForAllOfTheCallers()
    {
        await using var registry = await StartRegistry();
        var (result, _) = GatewayTokenMint.Mint(Request(registry), new OperationLog(), Now, default);
        Assert.Equal("{}", registry.Requests.Single().Body);
        Assert.Equal(CallerScopes, result.Scopes);
        Assert.Equal(Now.AddHours(8), result.ExpiresOn);
    }

    [Fact]
    public void Mint_BearerOverPlainHttpToAnotherHost_IsRefusedBeforeSending()
    {
        var ex = Assert.ThrowsAny<Exception>(() => GatewayTokenMint.Mint(new GatewayTokenMintRequest { Gateway = "http://gateway.example.com", CallerToken = new Secret(CallerToken) }, new OperationLog(), Now, default));
        Assert.Contains("AllowUnencryptedAuthentication", ex is CommandFailureException c ? c.Message + c.Fix : ex.Message);
    }

    [Theory]
    [InlineData("server")]
    [InlineData("/x")]
    [InlineData("server/")]
    public void Body_ResourceMustBeTypeSlashId(string resource)
    {
        var ex = Assert.Throws<CommandFailureException>(() => GatewayTokenMint.Body(new GatewayTokenMintRequest { Gateway = "https://g", CallerToken = new Secret("t"), Resource = resource }));
        Assert.Equal("ResourceInvalid", ex.ErrorId);
    }
}
