using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using McpRegistryAuth.Core.McpProtocol;
using McpRegistryAuth.Core.Reporting;
using ModelContextProtocol;
using Xunit;

namespace McpRegistryAuth.Core.Tests.McpProtocol;

public class McpFailureClassifierTests
{
    private static readonly Uri Endpoint = new("https://gateway.example.com/currenttime/mcp");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static McpExchange Post(string rpc, int? status, string? contentType = "application/json", bool sentSession = false, string body = "") => new()
    {
        Method = "POST", Uri = Endpoint, RpcMethod = rpc, Status = status, ContentType = contentType, SentSession = sentSession, Body = Encoding.UTF8.GetBytes(body),
    };

    private static McpExchange Get(int status) => new() { Method = "GET", Uri = Endpoint, Status = status };

    [Fact]
    public void A401_IsAuth_WithAuthenticationError_AndTheRefusalKeptForTheDiagnosis()
    {
        var failure = McpFailureClassifier.Classify(new HttpRequestException("401"), [Post("initialize", 401, body: "{\"error\":\"Authentication required\"}")], McpStepNames.Initialize, Timeout);
        Assert.Equal(McpFailureClass.Auth, failure.Class);
        Assert.Equal(McpStepNames.Auth, failure.Step);
        Assert.Equal(FailureCategory.AuthenticationError, failure.Category);
        Assert.Equal(401, failure.Refusal?.Status);
        Assert.Contains("Authentication required", failure.Message, StringComparison.Ordinal);
        Assert.Equal("McpAuth", failure.ErrorId);
    }

    [Fact]
    public void A403OnToolsList_IsAuthAtTheListStep_WithPermissionDenied()
    {
        var failure = McpFailureClassifier.Classify(new HttpRequestException("403"), [Post("initialize", 200), Post("tools/list", 403)], McpStepNames.List, Timeout);
        Assert.Equal(McpFailureClass.Auth, failure.Class);
        Assert.Equal(McpStepNames.List, failure.Step);
        Assert.Equal(FailureCategory.PermissionDenied, failure.Category);
    }

    [Fact]
    public void A406_IsProtocol_AndNamesBothAcceptTypes()
    {
        var failure = McpFailureClassifier.Classify(new HttpRequestException("406"), [Post("initialize", 406)], McpStepNames.Initialize, Timeout);
        Assert.Equal(McpFailureClass.Protocol, failure.Class);
        Assert.Equal(FailureCategory.ProtocolError, failure.Category);
        Assert.Contains("application/json, text/event-stream", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A404ToARequestCarryingTheSession_IsADroppedSession()
    {
        var failure = McpFailureClassifier.Classify(new HttpRequestException("404"), [Post("initialize", 200), Post("ping", 404, sentSession: true)], McpStepNames.List, Timeout);
        Assert.Equal(McpFailureClass.Protocol, failure.Class);
        Assert.Equal(McpStepNames.List, failure.Step);
        Assert.Contains("dropped the session", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A404WithoutASession_IsNotCalledADroppedSession()
    {
        var failure = McpFailureClassifier.Classify(new HttpRequestException("404"), [Post("initialize", 404, "text/html")], McpStepNames.Initialize, Timeout);
        Assert.Equal(McpFailureClass.Protocol, failure.Class);
        Assert.DoesNotContain("dropped the session", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Check the URL", failure.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A2xxHtmlAnswer_IsAWrongContentType()
    {
        var failure = McpFailureClassifier.Classify(new System.Text.Json.JsonException("bad"), [Post("initialize", 200, "text/html; charset=utf-8")], McpStepNames.Initialize, Timeout);
        Assert.Equal(McpFailureClass.Protocol, failure.Class);
        Assert.Contains("text/html", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoAnswerInTime_IsUnreachableWithOperationTimeout()
    {
        var failure = McpFailureClassifier.Classify(new TimeoutException(), [Post("initialize", null)], McpStepNames.Initialize, TimeSpan.FromSeconds(2));
        Assert.Equal(McpFailureClass.Unreachable, failure.Class);
        Assert.Equal(McpStepNames.Http, failure.Step);
        Assert.Equal(FailureCategory.OperationTimeout, failure.Category);
        Assert.Contains("to initialize within 2 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefusedConnection_IsUnreachable()
    {
        var failure = McpFailureClassifier.Classify(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)), [], McpStepNames.Initialize, Timeout);
        Assert.Equal(McpFailureClass.Unreachable, failure.Class);
        Assert.Equal(FailureCategory.ConnectionError, failure.Category);
    }

    [Fact]
    public void AJsonRpcError_IsProtocol_WithItsCode()
    {
        var failure = McpFailureClassifier.Classify(new McpProtocolException("Method not found", McpErrorCode.MethodNotFound), [Post("no/such", 200)], McpStepNames.Call, Timeout);
        Assert.Equal(McpFailureClass.Protocol, failure.Class);
        Assert.Contains("-32601", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSdksDiscoverProbeAndOptionalGetStream_AreIgnoredOnceALaterRequestSucceeded()
    {
        // server/discover answered 400 and the GET stream 403 (a gateway scope without "mcp"), then a timeout on tools/list.
        var exchanges = new[] { Post("server/discover", 400), Post("initialize", 200), Get(403), Post("notifications/initialized", 202, null), Post("tools/list", null) };
        var failure = McpFailureClassifier.Classify(new OperationCanceledException(), exchanges, McpStepNames.List, Timeout);
        Assert.Equal(McpFailureClass.Unreachable, failure.Class);
        Assert.Equal(McpStepNames.List, failure.Step);
    }

    [Fact]
    public void ARefusedDiscoverProbe_WithNothingAfterIt_IsStillTheFailure()
    {
        var failure = McpFailureClassifier.Classify(new HttpRequestException("403"), [Post("server/discover", 403)], McpStepNames.Initialize, Timeout);
        Assert.Equal(McpFailureClass.Auth, failure.Class);
        Assert.Contains("server/discover", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("text/event-stream; charset=utf-8", true)]
    [InlineData("Application/JSON", true)]
    [InlineData("text/html", false)]
    [InlineData("application/problem+json", false)]
    public void McpContentTypes_AreJsonAndEventStreamOnly(string contentType, bool expected) =>
        Assert.Equal(expected, McpFailureClassifier.IsMcpContentType(contentType));

    [Theory]
    [InlineData("https://gw.example.com/currenttime/mcp", "currenttime")]
    [InlineData("https://gw.example.com/peer-lob1/cloudflare-docs/mcp", "peer-lob1/cloudflare-docs")]
    [InlineData("https://gw.example.com/currenttime/sse", "currenttime")]
    [InlineData("https://gw.example.com/currenttime", "currenttime")]
    public void GatewayServerName_IsThePathWithoutItsTransportSegment(string url, string expected) =>
        Assert.Equal(expected, McpConnectionTester.GatewayServerName(new Uri(url)));

    [Fact]
    public void Usage_RefusesNonHttpUrls_AndATokenOverPlainHttpToAnotherHost()
    {
        Assert.Equal(McpFailureClass.Usage, McpUsage.Check(new McpConnectionOptions { Uri = new Uri("ftp://example.com/mcp") })?.Class);
        Assert.Equal(McpFailureClass.Usage, McpUsage.Check(new McpConnectionOptions { Uri = new Uri("http://gw.example.com/x/mcp"), Token = new Secret("t") })?.Class);
        Assert.Null(McpUsage.Check(new McpConnectionOptions { Uri = new Uri("http://127.0.0.1:8000/x/mcp"), Token = new Secret("t") }));
        Assert.Null(McpUsage.Check(new McpConnectionOptions { Uri = new Uri("http://gw.example.com/x/mcp"), Token = new Secret("t"), AllowUnencryptedAuthentication = true }));
        Assert.Null(McpUsage.Check(new McpConnectionOptions { Uri = new Uri("http://gw.example.com/x/mcp") }));
    }
}
