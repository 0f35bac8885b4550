namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// The pwsh script Claude Desktop starts for a remote server. It holds no secret: it reads the token at
/// start (from the profile through Get-McpAccessToken, or from an environment variable), puts the header
/// value in MCP_REMOTE_AUTH_HEADER and starts mcp-remote with "--header Name:${MCP_REMOTE_AUTH_HEADER}",
/// which mcp-remote expands itself. stdin and stdout are mcp-remote's: the MCP messages pass through.
/// </summary>
public static class BridgeScript
{
    public const string FileName = "mcpregistryauth-bridge.ps1";

    public const string Text = """
        # Written by McpRegistryAuth (Export-McpClientConfig -Client ClaudeDesktop). Holds no secret.
        # Gets the token when Claude Desktop starts the server and bridges stdio to the remote server with
        # mcp-remote; the header value travels in an environment variable, never in an argument.
        param(
            [Parameter(Mandatory)] [string] $Url,
            [Parameter(Mandatory)] [string] $HeaderName,
            [string] $Profile,
            [string] $ModulePath,
            [string] $TokenVariable,
            [string] $McpRemote
        )
        $ErrorActionPreference = 'Stop'
        if ($Profile) {
            Import-Module $ModulePath
            $token = Get-McpAccessToken -Profile $Profile -AsPlainText
        } else {
            $token = [Environment]::GetEnvironmentVariable($TokenVariable)
            if (-not $token) {
                [Console]::Error.WriteLine("mcpregistryauth-bridge: the environment variable $TokenVariable holds no token.")
                exit 1
            }
        }
        $env:MCP_REMOTE_AUTH_HEADER = "Bearer $token"
        $token = $null
        $arguments = @($Url, '--header', ($HeaderName + ':${MCP_REMOTE_AUTH_HEADER}'), '--transport', 'http-only')
        if ($McpRemote) {
            & node $McpRemote @arguments
        } else {
            & npx -y mcp-remote@0.15.1 @arguments
        }
        exit $LASTEXITCODE

        """;
}
