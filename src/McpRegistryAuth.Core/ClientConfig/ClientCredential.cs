namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// How the token reaches the server from a client's file. By default no token is written: the client
/// asks for it (VS Code inputs), reads it from the environment, or runs this module to get a fresh one
/// (Claude Code's headersHelper, the Claude Desktop bridge). With <see cref="IncludeToken"/> the token is
/// written in plain text.
/// </summary>
public sealed record ClientCredential
{
    /// <summary>Pinned like the test fixture's lockfile: the bridge never runs whatever npm calls latest.</summary>
    public const string McpRemotePackage = "mcp-remote@0.15.1";

    public const string DefaultVariable = "MCP_GATEWAY_TOKEN";

    /// <summary>The header the token goes in (by the shared header rule, or the profile's style).</summary>
    public required string HeaderName { get; init; }

    /// <summary>The token, needed only when it is written (<see cref="IncludeToken"/>).</summary>
    public Secret? Token { get; init; }

    public bool IncludeToken { get; init; }

    /// <summary>A profile the client's helper command gets fresh tokens with.</summary>
    public string? Profile { get; init; }

    /// <summary>The environment variable the client (or the bridge) reads the token from.</summary>
    public string Variable { get; init; } = DefaultVariable;

    /// <summary>Absolute path of the pwsh that runs the helper and the bridge.</summary>
    public string PwshPath { get; init; } = "pwsh";

    /// <summary>Absolute path of this module's manifest, imported by the helper and the bridge.</summary>
    public string ModulePath { get; init; } = "McpRegistryAuth";

    /// <summary>RegistryType the helper gives Get-McpAccessToken, so it picks the same header.</summary>
    public string RegistryType { get; init; } = "Gateway";

    /// <summary>mcp-remote's proxy.js to run with node; null runs the pinned package through npx.</summary>
    public string? McpRemotePath { get; init; }

    /// <summary>The header value written in plain text.</summary>
    public string LiteralValue => "Bearer " + (Token ?? throw new InvalidOperationException("No token to write.")).Reveal();
}
