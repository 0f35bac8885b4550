using System.Globalization;
using System.Text.Json;
using McpRegistryAuth.Core.RegistryApi;
using McpRegistryAuth.Core.Reporting;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace McpRegistryAuth.Core.Tests.RegistryApi;

/// <summary>-All against each paging style the servers use, answered by a loopback registry.</summary>
[Collection(MemoryMeasurement.Name)]
public sealed class PagingTests
{
    private static int Int(HttpContext c, string name, int fallback) =>
        int.TryParse(c.Request.Query[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    // The gateway's /api/servers, /api/agents, /api/skills and /api/virtual-servers: limit/offset with total_count and has_next.
    private static Task LimitOffset(HttpContext c, string key, int total, bool sendHasNext = true)
    {
        var (limit, offset) = (Int(c, "limit", 20), Int(c, "offset", 0));
        var items = Enumerable.Range(offset, Math.Max(0, Math.Min(limit, total - offset))).Select(i => new { path = $"/s{i}", server_name = $"server {i}" });
        var body = new Dictionary<string, object> { [key] = items, ["total_count"] = total, ["limit"] = limit, ["offset"] = offset };
        if (sendHasNext) body["has_next"] = offset + limit < total;
        return LoopbackRegistry.Json(c, 200, JsonSerializer.Serialize(body));
    }

    private static List<string> Names(IEnumerable<JsonElement> items, string property) => items.Select(i => i.GetProperty(property).GetString()!).ToList();

    [Fact]
    public async Task All_LimitOffset_FollowsHasNextAndStreamsEveryItem()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LimitOffset(c, "servers", 45));
        var kit = new RegistryApiTestKit();
        var paths = Names(kit.Open(new() { Uri = "/api/servers", RegistryUrl = registry.BaseUri.AbsoluteUri }).Elements(default), "path");
        Assert.Equal(Enumerable.Range(0, 45).Select(i => $"/s{i}"), paths);
        Assert.Equal(["/api/servers?limit=20", "/api/servers?limit=20&offset=20", "/api/servers?limit=20&offset=40"], registry.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task All_LimitOffset_WithoutHasNext_StopsAtTotalCount_AndKeepsTheCallersLimit()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LimitOffset(c, "agents", 10, sendHasNext: false));
        var kit = new RegistryApiTestKit();
        var call = new RegistryApiCall { Uri = "/api/agents", RegistryUrl = registry.BaseUri.AbsoluteUri, Query = new Dictionary<string, object> { ["limit"] = 5 } };
        Assert.Equal(10, kit.Open(call).Elements(default).Count());
        Assert.Equal(["/api/agents?limit=5", "/api/agents?limit=5&offset=5"], registry.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task All_VirtualServers_AskForPagesOf100()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LimitOffset(c, "virtual_servers", 150));
        var kit = new RegistryApiTestKit();
        Assert.Equal(150, kit.Open(new() { Uri = registry.Url("/api/virtual-servers").AbsoluteUri }).Elements(default).Count());
        Assert.Equal(["/api/virtual-servers?limit=100", "/api/virtual-servers?limit=100&offset=100"], registry.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task All_M2mClients_PageWithLimit500AndSkip()
    {
        // A plain array per page; a full page means there may be more.
        await using var registry = await LoopbackRegistry.StartAsync(c =>
        {
            var (limit, skip) = (Int(c, "limit", 500), Int(c, "skip", 0));
            var items = Enumerable.Range(skip, Math.Max(0, Math.Min(limit, 1200 - skip))).Select(i => new { client_id = $"c{i}" });
            return LoopbackRegistry.Json(c, 200, JsonSerializer.Serialize(items));
        });
        var kit = new RegistryApiTestKit();
        Assert.Equal(1200, kit.Open(new() { Uri = "/api/iam/m2m-clients", RegistryUrl = registry.BaseUri.AbsoluteUri }).Elements(default).Count());
        Assert.Equal(["/api/iam/m2m-clients?limit=500", "/api/iam/m2m-clients?limit=500&skip=500", "/api/iam/m2m-clients?limit=500&skip=1000"], registry.Requests.Select(r => r.PathAndQuery));
    }

    // Gateway /v0.1/servers and ToolHive /registry/{name}/v0.1/servers: cursor and limit, metadata.nextCursor.
    private static Task Cursor(HttpContext c, int total)
    {
        if (c.Request.Query["limit"] is { Count: > 0 } l && !int.TryParse(l, out _))
        {
            return LoopbackRegistry.Json(c, 400, """{"error":"Invalid limit parameter: must be an integer"}""");
        }

        var start = string.IsNullOrEmpty(c.Request.Query["cursor"]) ? 0 : int.Parse(c.Request.Query["cursor"]!, CultureInfo.InvariantCulture);
        var limit = Int(c, "limit", 30);
        var items = Enumerable.Range(start, Math.Min(limit, total - start)).Select(i => new { server = new { name = $"io.example/s{i}", version = "1.0.0" }, _meta = new { } });
        var next = start + limit < total ? (start + limit).ToString(CultureInfo.InvariantCulture) : null;
        return LoopbackRegistry.Json(c, 200, JsonSerializer.Serialize(new { servers = items, metadata = new { nextCursor = next, count = items.Count() } }));
    }

    [Theory]
    [InlineData("/v0.1/servers")]
    [InlineData("/registry/default/v0.1/servers")]
    public async Task All_Cursor_FollowsNextCursorUntilAbsent(string path)
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => Cursor(c, 250));
        var kit = new RegistryApiTestKit();
        var items = kit.Open(new() { Uri = path, RegistryUrl = registry.BaseUri.AbsoluteUri }).Elements(default).Select(i => i.GetProperty("server").GetProperty("name").GetString()).ToList();
        Assert.Equal(250, items.Count);
        Assert.Equal("io.example/s249", items[^1]);
        Assert.Equal([$"{path}?limit=100", $"{path}?limit=100&cursor=100", $"{path}?limit=100&cursor=200"], registry.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task ToolHive_BadLimit_IsABadRequestWithTheServersMessage()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => Cursor(c, 5));
        var kit = new RegistryApiTestKit();
        var call = new RegistryApiCall { Uri = "/registry/default/v0.1/servers?limit=ten", RegistryUrl = registry.BaseUri.AbsoluteUri };
        var ex = Assert.Throws<CommandFailureException>(() => kit.Open(call).Elements(default).ToList());
        Assert.Equal("RegistryApiBadRequest", ex.ErrorId);
        Assert.Contains("Invalid limit parameter: must be an integer", ex.Message);
    }

    [Fact]
    public async Task All_CursorThatRepeats_StopsInsteadOfLoopingForEver()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 200, """{"servers":[{"server":{"name":"a"}}],"metadata":{"nextCursor":"same"}}"""));
        var kit = new RegistryApiTestKit();
        Assert.Equal(2, kit.Open(new() { Uri = registry.Url("/v0.1/servers").AbsoluteUri }).Elements(default).Count());
    }

    [Fact]
    public async Task All_TenThousandItems_StreamWithMemoryThatDoesNotGrowWithTheCount()
    {
        await using var registry = await LoopbackRegistry.StartAsync(c => LimitOffset(c, "servers", 10_000));
        var kit = new RegistryApiTestKit();
        var call = new RegistryApiCall { Uri = "/api/servers", RegistryUrl = registry.BaseUri.AbsoluteUri, Query = new Dictionary<string, object> { ["limit"] = 100 } };
        var samples = new Dictionary<int, long>();
        var count = 0;
        foreach (var item in kit.Open(call).Elements(default))
        {
            count++;
            if (count is 1_000 or 9_000) samples[count] = GC.GetTotalMemory(forceFullCollection: true);
        }

        Assert.Equal(10_000, count);

        // 8,000 more items consumed between the samples: a growing list would hold them (a few MB); a stream holds one page.
        var growth = samples[9_000] - samples[1_000];
        Assert.True(growth < 512 * 1024, $"heap grew by {growth} bytes between item 1,000 ({samples[1_000]}) and item 9,000 ({samples[9_000]})");
    }
}

/// <summary>Tests that sample the process's heap run alone: another test allocating at the same time would show as growth.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "Memory measurement";
}
