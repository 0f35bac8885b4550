using System.Net.Http.Headers;
using McpRegistryAuth.Core.RegistryApi;
using McpRegistryAuth.Core.Reporting;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace McpRegistryAuth.Core.Tests.RegistryApi;

/// <summary>Body encoding per path, the token header, retries, time-outs and the transport guards, against a loopback registry.</summary>
public sealed class RequestTests
{
    [Theory]
    [InlineData("POST", "/api/servers/register", BodyEncoding.Form)]
    [InlineData("POST", "/api/servers/toggle", BodyEncoding.Form)]
    [InlineData("POST", "/api/servers/remove", BodyEncoding.Form)]
    [InlineData("POST", "/api/servers/groups/add", BodyEncoding.Form)]
    [InlineData("POST", "/api/servers/groups/import", BodyEncoding.Json)]
    [InlineData("PUT", "/api/servers/my-server", BodyEncoding.Json)]
    [InlineData("PATCH", "/api/servers/my-server", BodyEncoding.Json)]
    [InlineData("PATCH", "/api/servers/my-server/auth-credential", BodyEncoding.Json)]
    [InlineData("POST", "/api/servers/my-server/rate", BodyEncoding.Json)]
    [InlineData("PUT", "/api/servers/my-server/versions/default", BodyEncoding.Json)]
    [InlineData("POST", "/api/servers/my-server/egress-auth", BodyEncoding.Json)]
    [InlineData("POST", "/api/agents/register", BodyEncoding.Json)]
    [InlineData("POST", "/api/iam/m2m-clients", BodyEncoding.Json)]
    [InlineData("PUT", "/api/rate-limits/d1", BodyEncoding.Json)]
    [InlineData("POST", "/api/custom/widget", BodyEncoding.Json)]
    [InlineData("POST", "/api/tokens/generate", BodyEncoding.Json)]
    [InlineData("PATCH", "/api/v1/registry/card", BodyEncoding.Json)]
    [InlineData("PUT", "/v1/sources/s1", BodyEncoding.Json)]
    public void BodyEncoding_FollowsTheGatewaysClient(string method, string path, BodyEncoding expected) =>
        Assert.Equal(expected, GatewayBodyEncodingRule.For(method, path));

    [Fact]
    public void BodyEncoding_UnderARootPath_ReadsThePathAfterTheRoot()
    {
        Assert.Equal(BodyEncoding.Form, GatewayBodyEncodingRule.For("POST", "/registry/api/servers/register", "/registry"));
        Assert.Equal(BodyEncoding.Json, GatewayBodyEncodingRule.For("POST", "/registry/api/agents/register", "/registry"));
    }

    private static async Task<(LoopbackRegistry Registry, RegistryApiTestKit Kit)> Echo()
    {
        var registry = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 200, """{"ok":true}"""));
        return (registry, new RegistryApiTestKit());
    }

    [Fact]
    public async Task Register_SendsAForm_AgentRegister_SendsJson_AStringGoesAsItIs()
    {
        var (registry, kit) = await Echo();
        await using var _ = registry;
        var fields = new Dictionary<string, object?> { ["name"] = "Current Time", ["path"] = "/currenttime", ["tags"] = new List<object?> { "a", "b" }, ["enabled"] = true, ["skipped"] = null };
        kit.Open(new() { Uri = "/api/servers/register", Method = "POST", Body = fields, RegistryUrl = registry.BaseUri.AbsoluteUri }).Send(default);
        kit.Open(new() { Uri = "/api/agents/register", Method = "POST", Body = fields, RegistryUrl = registry.BaseUri.AbsoluteUri }).Send(default);
        kit.Open(new() { Uri = "/api/servers/toggle", Method = "POST", Body = "path=%2Fx&new_state=true", RegistryUrl = registry.BaseUri.AbsoluteUri }).Send(default);
        var sent = registry.Requests.ToArray();
        Assert.Equal("application/x-www-form-urlencoded", sent[0].Header("Content-Type"));
        Assert.Equal("name=Current%20Time&path=%2Fcurrenttime&tags=a&tags=b&enabled=true", sent[0].Body);
        Assert.Equal("application/json", sent[1].Header("Content-Type"));
        Assert.Equal("""{"name":"Current Time","path":"/currenttime","tags":["a","b"],"enabled":true,"skipped":null}""", sent[1].Body);
        Assert.Equal("path=%2Fx&new_state=true", sent[2].Body);
        Assert.Equal("application/x-www-form-urlencoded", sent[2].Header("Content-Type"));
    }

    [Fact]
    public async Task AFormPath_RefusesABodyThatIsNoDictionary()
    {
        var ex = Assert.Throws<CommandFailureException>(() => new RegistryApiTestKit().Open(new() { Uri = "http://127.0.0.1:9/api/servers/register", Method = "POST", Body = new List<object?> { 1 } }));
        Assert.Equal("BodyNotFormFields", ex.ErrorId);
    }

    [Theory]
    [InlineData("/api/servers", null, "Authorization")]
    [InlineData("/v0.1/servers", null, "Authorization")]
    [InlineData("/currenttime/mcp", "Gateway", "X-Authorization")]
    [InlineData("/registry/default/v0.1/servers", null, "Authorization")]
    [InlineData("/tools", null, "Authorization")]
    public async Task Token_GoesInTheHeaderTheRuleNames(string path, string? registryType, string header)
    {
        var (registry, kit) = await Echo();
        await using var _ = registry;
        kit.Open(new() { Uri = path, RegistryUrl = registry.BaseUri.AbsoluteUri, RegistryType = registryType, Token = new Secret("tok-123") }).Send(default);
        var sent = registry.Requests.Single();
        Assert.Equal("Bearer tok-123", sent.Header(header));
        Assert.Null(sent.Header(header == "Authorization" ? "X-Authorization" : "Authorization"));
    }

    [Fact]
    public async Task Profile_GivesTheRegistryUrl_TheFamily_AndTheHeaderStyle()
    {
        var (registry, kit) = await Echo();
        await using var _ = registry;
        var profile = new Core.OAuth.McpProfile { Name = "ci", RegistryUri = registry.BaseUri.AbsoluteUri, RegistryType = RegistryType.Gateway, HeaderStyle = Core.OAuth.HeaderStyle.XAuthorization };
        kit.Open(new() { Uri = "/api/servers", Profile = profile, EnvironmentRegistryUrl = "http://127.0.0.1:9", Token = new Secret("tok-123") }).Send(default);
        Assert.Equal("Bearer tok-123", registry.Requests.Single().Header("X-Authorization"));
    }

    [Fact]
    public void Token_IsNeverSentOverPlainHttpToAHostThatIsNotLoopback()
    {
        var kit = new RegistryApiTestKit();
        var invoker = kit.Open(new() { Uri = "http://registry.example.invalid/api/servers", Token = new Secret("tok-123") });
        var ex = Assert.Throws<CommandFailureException>(() => invoker.Send(default));
        Assert.Equal("UnencryptedAuthenticationRefused", ex.ErrorId);
        Assert.Equal(FailureCategory.SecurityError, ex.Category);
        Assert.DoesNotContain("tok-123", ex.Message);
        Assert.Contains("-AllowUnencryptedAuthentication", ex.Fix);
    }

    [Fact]
    public void TokenInHeader_IsRefused()
    {
        var ex = Assert.Throws<CommandFailureException>(() => new RegistryApiTestKit().Open(new() { Uri = "http://127.0.0.1:9/api/servers", Headers = [new("authorization", "Bearer x")] }));
        Assert.Equal("TokenInHeader", ex.ErrorId);
    }

    [Fact]
    public async Task Redirect_ToAnotherOrigin_GoesOnWithoutTheToken_SameOriginKeepsIt()
    {
        await using var other = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 200, """{"where":"other"}"""));
        await using var registry = await LoopbackRegistry.StartAsync(c =>
        {
            c.Response.StatusCode = 307;
            c.Response.Headers.Location = c.Request.Path == "/api/moved" ? "/api/here" : c.Request.Path == "/api/here" ? other.Url("/api/there").AbsoluteUri : "/";
            return Task.CompletedTask;
        });
        var kit = new RegistryApiTestKit();
        var response = kit.Open(new() { Uri = "/api/moved", RegistryUrl = registry.BaseUri.AbsoluteUri, Token = new Secret("tok-123") }).Send(default);
        Assert.Equal(200, response.Status);
        Assert.False(response.TokenSent);
        Assert.Equal(["Bearer tok-123", "Bearer tok-123"], registry.Requests.Select(r => r.Header("Authorization")));
        Assert.Null(other.Requests.Single().Header("Authorization"));
        Assert.Contains(kit.Lines(), l => l.Contains("another origin: the token is not sent there", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_429WithRetryAfter_WaitsWhatTheServerAsks_ThenSucceeds()
    {
        var calls = 0;
        await using var registry = await LoopbackRegistry.StartAsync(c => Interlocked.Increment(ref calls) <= 2
            ? LoopbackRegistry.Json(c, 429, """{"error":"rate_limit_exceeded"}""", ("Retry-After", "2"))
            : LoopbackRegistry.Json(c, 200, """{"ok":true}"""));
        var kit = new RegistryApiTestKit();
        var response = kit.Open(new() { Uri = "/api/servers/health", RegistryUrl = registry.BaseUri.AbsoluteUri }).Send(default);
        Assert.Equal(200, response.Status);
        Assert.Equal(3, response.Attempts);
        Assert.Equal(2, kit.Waits.Count);
        Assert.All(kit.Waits, w => Assert.InRange(w.TotalSeconds, 2, 2.25));
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Retry_GivesUpAfterMaximumRetryCount_WithTheStatusError(int status)
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, status, """{"error":"busy"}"""));
        var kit = new RegistryApiTestKit();
        var ex = Assert.Throws<CommandFailureException>(() => kit.Open(new() { Uri = "/api/servers", RegistryUrl = registry.BaseUri.AbsoluteUri, MaximumRetryCount = 2 }).Send(default));
        Assert.Equal("RegistryApiUnavailable", ex.ErrorId);
        Assert.Contains("after 3 attempts", ex.Message);
        Assert.Equal(3, registry.Requests.Count);
        Assert.Equal(2, kit.Waits.Count);
    }

    [Fact]
    public async Task Retry_NeverResendsAPost()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 503, "{}", ("Retry-After", "1")));
        var kit = new RegistryApiTestKit();
        var ex = Assert.Throws<CommandFailureException>(() => kit.Open(new() { Uri = "/api/agents/register", Method = "POST", Body = "{}", RegistryUrl = registry.BaseUri.AbsoluteUri }).Send(default));
        Assert.Single(registry.Requests);
        Assert.Empty(kit.Waits);
        Assert.Contains("POST is not retried automatically", ex.Fix);
    }

    [Fact]
    public void RetryPolicy_BacksOffExponentiallyWithJitter_AndHonoursAnHttpDate()
    {
        var low = new RetryPolicy(5, () => 0);
        var high = new RetryPolicy(5, () => 0.999);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(TimeSpan.FromSeconds(0.5), low.DelayBefore(1, "GET", 503, null, now));
        Assert.Equal(TimeSpan.FromSeconds(2), low.DelayBefore(3, "GET", 503, null, now));
        Assert.InRange(high.DelayBefore(3, "GET", 503, null, now)!.Value.TotalSeconds, 3.99, 4);
        Assert.Null(low.DelayBefore(6, "GET", 503, null, now));
        Assert.Null(low.DelayBefore(1, "POST", 503, null, now));
        Assert.Null(low.DelayBefore(1, "GET", 500, null, now));
        Assert.Equal(TimeSpan.FromSeconds(30), low.DelayBefore(1, "GET", 429, new RetryConditionHeaderValue(now.AddSeconds(30)), now));
        Assert.Equal(TimeSpan.FromSeconds(60), low.DelayBefore(1, "GET", 429, new RetryConditionHeaderValue(TimeSpan.FromHours(1)), now));
    }

    [Fact]
    public async Task Timeout_CoversTheWholeAnswer()
    {
        await using var registry = await LoopbackRegistry.StartAsync(async c =>
        {
            await c.Response.WriteAsync("{\"slow\":");
            await c.Response.Body.FlushAsync();
            await Task.Delay(5000, c.RequestAborted).ContinueWith(_ => { });
        });
        var ex = Assert.Throws<CommandFailureException>(() => new RegistryApiTestKit().Open(new() { Uri = "/api/config", RegistryUrl = registry.BaseUri.AbsoluteUri, Timeout = TimeSpan.FromMilliseconds(500) }).Send(default));
        Assert.Equal("RegistryApiTimedOut", ex.ErrorId);
    }

    [Fact]
    public async Task Cancellation_StopsTheRequest()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => Task.Delay(5000, c.RequestAborted).ContinueWith(_ => { }));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;
        Assert.ThrowsAny<OperationCanceledException>(() => new RegistryApiTestKit().Open(new() { Uri = "/api/config", RegistryUrl = registry.BaseUri.AbsoluteUri }).Send(cancel.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Cancellation_WhileTheBodyArrives_StopsTheRead()
    {
        // Ctrl+C after the headers came, while the body trickles in, ends the call as a cancellation (not a time-out
        // or a broken connection).
        await using var registry = await LoopbackRegistry.StartAsync(async c =>
        {
            await c.Response.WriteAsync("{\"slow\":");
            await c.Response.Body.FlushAsync();
            await Task.Delay(5000, c.RequestAborted).ContinueWith(_ => { });
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;
        Assert.ThrowsAny<OperationCanceledException>(() => new RegistryApiTestKit().Open(new() { Uri = "/api/config", RegistryUrl = registry.BaseUri.AbsoluteUri }).Send(cancel.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void Target_PathsJoinTheRegistryUrl_AndItsPathIsTheRootPath()
    {
        Assert.Equal(("https://gw.example.com/root/api/servers?x=1", "/root"), Text(RegistryTarget.Resolve("api/servers?x=1", "https://gw.example.com/root/", null, null)));
        Assert.Equal(("https://env.example.com/api/servers", ""), Text(RegistryTarget.Resolve("/api/servers", null, null, "https://env.example.com")));
        Assert.Equal(("https://profile.example.com/api/servers", ""), Text(RegistryTarget.Resolve("/api/servers", null, "https://profile.example.com", "https://env.example.com")));
        Assert.Equal("RegistryUrlMissing", Assert.Throws<CommandFailureException>(() => RegistryTarget.Resolve("/api/servers", null, null, null)).ErrorId);
        Assert.Equal("RegistryUriInvalid", Assert.Throws<CommandFailureException>(() => RegistryTarget.Resolve("ftp://x/api", null, null, null)).ErrorId);
        Assert.Equal(RegistryType.ToolHive, RegistryTarget.Infer("/registry/default/v0.1/servers", ""));
        Assert.Equal(RegistryType.ToolHive, RegistryTarget.Infer("/v1/sources", ""));
        Assert.Equal(RegistryType.Gateway, RegistryTarget.Infer("/root/api/servers", "/root"));
        Assert.Null(RegistryTarget.Infer("/tools", ""));
    }

    private static (string, string) Text((Uri Uri, string Root) target) => (target.Uri.AbsoluteUri, target.Root);
}
