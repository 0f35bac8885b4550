# Dot-sourced by the Pester tests that need a real MCP server: starts tests/fixtures/mcp-server/server.mjs
# (the official TypeScript SDK over Streamable HTTP on 127.0.0.1, behind a bearer check) and finds the
# pinned mcp-remote beside it, installed from the same lockfile.
$script:McpFixture = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures/mcp-server')).Path

# mcp-remote's entry point from the fixture's node_modules (no download at test time).
function Get-McpRemotePath { Join-Path $script:McpFixture 'node_modules/mcp-remote/dist/proxy.js' }

# Starts the server accepting "Bearer <Token>" in the header named, and with -Issuer any JWT that issuer
# signed (its CA trusted through NODE_EXTRA_CA_CERTS); returns @{ Url; Port; Process }.
function Start-TestMcpServer([string] $Directory, [string] $Token, [string] $Header = 'X-Authorization', [string] $Issuer, [string] $CaFile) {
    $null = New-Item -ItemType Directory -Force -Path $Directory
    $config = Join-Path $Directory 'mcp-server.json'
    $settings = @{ token = $Token; header = $Header }
    if ($Issuer) { $settings.issuer = $Issuer }
    $settings | ConvertTo-Json | Set-Content -LiteralPath $config
    $environment = if ($CaFile) { @{ NODE_EXTRA_CA_CERTS = $CaFile } } else { @{} }
    $server = Start-NodeFixture mcp-server server.mjs $config -Name 'The test MCP server' -Environment $environment
    @{ Url = $server.Ready.url; Port = $server.Ready.port; Process = $server.Process }
}

function Stop-TestMcpServer($Server) { Stop-NodeFixture $Server }

# Sends JSON-RPC lines to a stdio MCP server process and returns the parsed responses with the ids asked for.
function Invoke-StdioMcp([System.Diagnostics.Process] $Process, [object[]] $Messages, [int[]] $WaitForIds, [int] $TimeoutSec = 90) {
    foreach ($message in $Messages) {
        $Process.StandardInput.WriteLine(($message | ConvertTo-Json -Depth 10 -Compress))
        $Process.StandardInput.Flush()
    }
    $answers = @{}
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($answers.Count -lt $WaitForIds.Count -and [DateTime]::UtcNow -lt $deadline) {
        $read = $Process.StandardOutput.ReadLineAsync()
        if (-not $read.Wait($deadline - [DateTime]::UtcNow) -or $null -eq $read.Result) { break }
        $text = $read.Result.Trim()
        if (-not $text.StartsWith('{')) { continue }
        $answer = $text | ConvertFrom-Json
        if ($answer.PSObject.Properties['id'] -and $answer.id -in $WaitForIds) { $answers[[int]$answer.id] = $answer }
    }
    $answers
}

# Starts one of variants.mjs's servers (paged, sse, stateful, drop, accept, hang), behind "X-Authorization:
# Bearer <Token>" when a token is given; returns @{ Url; Port; Process }.
function Start-McpVariant([string] $Mode, [string] $Token) {
    $arguments = @($Mode)
    if ($Token) { $arguments += $Token }
    $server = Start-NodeFixture mcp-server variants.mjs $arguments -Name "The $Mode MCP server"
    @{ Url = $server.Ready.url; Port = $server.Ready.port; Process = $server.Process }
}

function Stop-McpVariant($Server) { Stop-NodeFixture $Server }

# The MCP server fixture behind the gateway emulation (gateway.mjs, answering from gateway-table.json):
# returns @{ Url; Process; Upstream; Table (the fixed table); ScopesPath (what the module predicts from) }.
function Start-TestMcpGateway([string] $Directory) {
    $upstreamToken = 'upstream-' + [guid]::NewGuid().ToString('N')
    $upstream = Start-TestMcpServer -Directory $Directory -Token $upstreamToken
    $gateway = Start-NodeFixture mcp-server gateway.mjs @($upstream.Url, $upstreamToken) -Name 'The gateway emulation'
    @{
        Url = $gateway.Ready.url; Port = $gateway.Ready.port; Process = $gateway.Process; Upstream = $upstream
        Table = Get-Content -LiteralPath (Join-Path $script:McpFixture 'gateway-table.json') -Raw | ConvertFrom-Json
        ScopesPath = Join-Path $script:McpFixture 'gateway-scopes.yml'
    }
}

function Stop-TestMcpGateway($Gateway) {
    Stop-NodeFixture $Gateway
    if ($Gateway) { Stop-NodeFixture $Gateway.Upstream }
}
