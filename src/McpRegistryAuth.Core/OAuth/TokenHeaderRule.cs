using McpRegistryAuth.Core.Gateway;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The one rule for which header carries a token to a target, used by every command that sends one.
/// MCP Gateway Registry: its registry API ({root}/api/, {root}/v0.1/) takes Authorization, as the gateway's
/// own registry client sends it; everything else behind the gateway (MCP servers, /agent/ paths, which read
/// only X-Authorization) takes X-Authorization, which wins when both are sent and leaves Authorization to
/// the server behind. ToolHive Registry Server and toolregistry-server read Authorization only.
/// </summary>
public static class TokenHeaderRule
{
    public const string Authorization = "Authorization";

    public const string XAuthorization = "X-Authorization";

    /// <summary>The header name for a token sent to <paramref name="target"/> (null target: Authorization).</summary>
    public static string HeaderFor(RegistryType registryType, Uri? target, string rootPath = "")
    {
        if (registryType != RegistryType.Gateway || target is null || !target.IsAbsoluteUri)
        {
            return Authorization;
        }

        return GatewayPaths.IsRegistryApi(target.AbsolutePath, rootPath) ? Authorization : XAuthorization;
    }

    /// <summary>The header line a client sends: name, then "Bearer " and the token.</summary>
    public static string HeaderLine(string headerName, Secret token) => $"{headerName}: {GatewayCredential.BearerPrefix}{token.Reveal()}";

    /// <summary>A JSON object of header name to value, what client helper commands (Claude Code's headersHelper) print.</summary>
    public static string HeaderJson(string headerName, Secret token) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { [headerName] = HeaderValue(token).Reveal() });

    /// <summary>The header value: "Bearer " and the token.</summary>
    public static Secret HeaderValue(Secret token) => new(GatewayCredential.BearerPrefix + token.Reveal());
}
