using System.Text.Json;
using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>
/// The gateway's verdict on a tools/call of each tool, predicted with the module's own FGAC evaluation (the
/// one Test-ScopeAccess runs: /validate on the request URL and body, then the MCP proxy hop).
/// </summary>
public sealed class McpToolAccessPredictor(ScopeDefinitions definitions, EffectiveScopes caller)
{
    private readonly ScopeAccessTester tester = new(definitions);

    public (bool Allowed, string Detail) Predict(Uri endpoint, string tool)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var result = tester.TestRequest(caller, endpoint.AbsoluteUri, CallBody(tool), "POST");
        var allowed = ScopeAccessTester.AllowsEndToEnd(result);
        var detail = allowed
            ? result.GrantedBy is { } grant ? $"granted by {grant}" : "allowed"
            : result.Hop is { Allowed: false } hop ? hop.ToString() : result.Detail ?? "denied";
        return (allowed, detail);
    }

    /// <summary>The body a client sends to call a tool, as /validate and the proxy hop read it.</summary>
    public static string CallBody(string tool) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "tools/call", ["params"] = new Dictionary<string, object> { ["name"] = tool, ["arguments"] = new Dictionary<string, object>() } });
}
