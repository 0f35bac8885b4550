using System.Collections;
using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.RegistryApi;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.RealWorld;
using Xunit;

namespace McpRegistryAuth.Core.Tests.RegistryTasks;

/// <summary>The task cmdlets' requests, settled by the RegistryApi core as they would be sent (nothing is sent here).</summary>
public sealed class ServerTaskRequestsTests
{
    private const string Registry = "https://gw.example/registry";

    private static RegistryApiRequest Settle(RegistryTaskRequest task)
    {
        var call = new RegistryApiCall { Uri = task.Path, Method = task.Method, Body = task.Body, Headers = task.Headers, RegistryUrl = Registry };
        return RegistryApiInvoker.Open(call, new OperationLog()).Request;
    }

    private static string BodyOf(RegistryApiRequest request) => Encoding.UTF8.GetString(request.Body!.Bytes);

    [Fact]
    public void Register_SendsTheGatewaysFormFields_UnderTheRootPath()
    {
        var request = Settle(ServerTaskRequests.Register(new ServerRegistration
        {
            Name = "weather", Path = "weather", ProxyPassUrl = "http://weather:8000/", Description = "Forecasts", Tags = ["ops", "wx"], ToolCount = 2, Overwrite = true,
        }));
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://gw.example/registry/api/servers/register", request.Uri.AbsoluteUri);
        Assert.Equal(EncodedBody.FormType, request.Body!.ContentType);
        Assert.Equal("name=weather&description=Forecasts&path=%2Fweather&proxy_pass_url=http%3A%2F%2Fweather%3A8000%2F&tags=ops%2Cwx&num_tools=2&overwrite=true", BodyOf(request));
    }

    [Theory]
    [InlineData(true, "path=%2Fweather&new_state=true")]
    [InlineData(false, "path=%2Fweather&new_state=false")]
    public void Toggle_PostsThePathAndTheNewState(bool enable, string form)
    {
        var request = Settle(ServerTaskRequests.Toggle("/weather", enable));
        Assert.Equal("https://gw.example/registry/api/servers/toggle", request.Uri.AbsoluteUri);
        Assert.Equal(form, BodyOf(request));
    }

    [Fact]
    public void GroupMembership_SendsTheServerAndTheGroupsCommaSeparated()
    {
        var request = Settle(ServerTaskRequests.GroupMembership("weather", ["ops", "lob1"], add: false));
        Assert.EndsWith("/api/servers/groups/remove", request.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("server_name=weather&group_names=ops%2Clob1", BodyOf(request));
    }

    [Fact]
    public void Update_IsJsonWithIfMatch_PatchOrPut()
    {
        var patch = Settle(ServerTaskRequests.Update("/weather", new Hashtable { ["description"] = "New" }, "W/\"1764547200000\"", replace: false));
        Assert.Equal("PATCH", patch.Method);
        Assert.Equal(EncodedBody.JsonType, patch.Body!.ContentType);
        Assert.Equal("{\"description\":\"New\"}", BodyOf(patch));
        Assert.Contains(patch.Headers, h => h.Key == "If-Match" && h.Value == "W/\"1764547200000\"");
        Assert.Equal("PUT", Settle(ServerTaskRequests.Update("/weather", new Hashtable { ["a"] = 1 }, null, replace: true)).Method);
    }

    [Fact]
    public void Merge_LaysTheChangesOverTheRecordRead()
    {
        using var record = JsonDocument.Parse("""{"server_name":"weather","description":"Old","tags":["a"]}""");
        var merged = ServerTaskRequests.Merge(record.RootElement, new Hashtable { ["description"] = "New" });
        Assert.Equal("""{"server_name":"weather","description":"New","tags":["a"]}""", JsonSerializer.Serialize(merged));
    }

    [Fact]
    public void ImportGroup_IsJson_AsTheGatewayReadsIt()
    {
        var request = Settle(ServerTaskRequests.ImportGroup("""{"scope_name":"g"}""", "g"));
        Assert.Equal(EncodedBody.JsonType, request.Body!.ContentType);
        Assert.Equal("""{"scope_name":"g"}""", BodyOf(request));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("https://gw.example/weather")]
    public void ServerPath_RefusesWhatIsNoPath(string path) =>
        Assert.Equal("ServerPathInvalid", Assert.Throws<CommandFailureException>(() => ServerPath.Normalize(path)).ErrorId);

    [Fact]
    public void Preview_ShowsMethodUrlHeadersAndBody_WithCredentialFieldsAsFingerprints()
    {
        var request = Settle(ServerTaskRequests.Register(new ServerRegistration
        {
            Name = "w", Path = "/w", ProxyPassUrl = "http://w/", AdditionalFields = new Hashtable { ["auth_token"] = "s3cr3t-value-123" },
        }));
        var preview = RequestPreview.Describe(request);
        Assert.StartsWith("POST https://gw.example/registry/api/servers/register form: name=w&", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value-123", preview, StringComparison.Ordinal);
        Assert.Contains("auth_token=<token ", preview, StringComparison.Ordinal);
        var patch = RequestPreview.Describe(Settle(ServerTaskRequests.Update("/w", new Hashtable { ["client_secret"] = "s3cr3t-value-123" }, "W/\"1\"", false)));
        Assert.Contains("[If-Match: W/\"1\"] json: {\"client_secret\":\"<token ", patch, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value-123", patch, StringComparison.Ordinal);
    }
}
