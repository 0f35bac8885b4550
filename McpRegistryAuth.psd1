# Hand-written module manifest. The build copies it to out/McpRegistryAuth/<version>/ and stamps
# ModuleVersion from Directory.Build.props.
@{
    RootModule           = 'McpRegistryAuth.dll'
    # Imported before the root module: the loader's initializer sends the core and its packages
    # (Dependencies/) to the module's private load context before PowerShell reads the cmdlet types.
    NestedModules        = @('McpRegistryAuth.Loading.dll')
    ModuleVersion        = '0.1.0'
    GUID                 = 'a3d6c2f4-8e1b-4c7a-9f25-6b0d4e8c1a73'
    Author               = 'McpRegistryAuth contributors'
    CompanyName          = 'McpRegistryAuth'
    Copyright            = '(c) McpRegistryAuth contributors. MIT License.'
    Description          = 'Mint, inspect and test the tokens MCP registries and gateways accept (MCP Gateway Registry, ToolHive Registry Server, toolregistry-server), and find out locally why a server answered 401 or 403.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('McpRegistryAuth.format.ps1xml')
    CmdletsToExport      = @(
        'New-RegistryApiToken'
        'Test-RegistryToken'
        'Test-RegistryAuthConfig'
        'Get-RegistryAuthMetadata'
        'Test-ScopeAccess'
        'Get-ScopeAccessMatrix'
        'Get-McpAccessToken'
        'Clear-McpTokenCache'
        'Set-McpProfile'
        'Get-McpProfile'
        'Remove-McpProfile'
        'Invoke-RegistryApi'
        'Get-RegistryServer'
        'Register-RegistryServer'
        'Enable-RegistryServer'
        'Disable-RegistryServer'
        'Set-RegistryServer'
        'Unregister-RegistryServer'
        'Get-RegistryGroup'
        'Add-RegistryGroupMember'
        'Remove-RegistryGroupMember'
        'Import-RegistryGroup'
        'Get-RegistryAgent'
        'Export-McpClientConfig'
        'Test-McpConnection'
        'Invoke-McpMethod'
        'Export-McpGatewayTokenFile'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            # What the Gallery shows and searches: one tag per server family and auth scheme (no spaces), then the platforms.
            Tags         = @('MCP', 'MCPGateway', 'MCPGatewayRegistry', 'ToolHive', 'ToolRegistry', 'Registry', 'Gateway', 'OAuth', 'OIDC', 'JWT', 'Token', 'Authentication', 'PSEdition_Core', 'Linux', 'MacOS', 'Windows')
            ProjectUri   = 'https://github.com/mcp-registry-auth/McpRegistryAuth'
            LicenseUri   = 'https://github.com/mcp-registry-auth/McpRegistryAuth/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0, first release, 27 cmdlets:
- New-RegistryApiToken mints a static API token and writes it where the servers read it (the gateway's .env, REGISTRY_API_KEYS, a toolregistry-server tokens file), or with -SelfSigned a gateway self-signed test token (ES256 from a P-256 key, -GenerateKey makes one; HS256 for older releases).
- Test-RegistryToken gives the verdict an MCP Gateway Registry, ToolHive Registry Server or toolregistry-server would give a token, with every check, the reason and the fix; -GatewayRelease V124, V130 or V132 (Latest is now 1.32: ES256 self-signed tokens, REJECT_HS256_TOKENS, and the generic proxy's verb rules on /{entity_type}/{path} with -GenericProxyKind and -EntityPath).
- Test-RegistryAuthConfig checks the auth: section of a ToolHive Registry Server configuration the way the server reads it.
- Get-RegistryAuthMetadata discovers how a protected registry wants to be called: the 401 challenge, RFC 9728 metadata, the authorization servers.
- Test-ScopeAccess says whether the MCP Gateway Registry's scopes let a group use a server, method or tool, and why.
- Get-ScopeAccessMatrix lists what every group may do through those scopes, and with -ProxiedEntity or -ProxiedEntitiesPath which HTTP verbs each group may send to the entities a 1.32 gateway proxies.
- Get-McpAccessToken gets a token from Keycloak, Okta, Auth0, Entra ID, Cognito or any OIDC provider (client credentials, device code, browser sign-in with PKCE, refresh), from a per-user cache when it can, as a token object or a header; also the token a gateway tool would send (its variables and .oauth-tokens files, in its order), a token minted by the gateway's POST /api/tokens/generate, and a Kubernetes projected service-account token (re-read when rotated, its audience checked against ToolHive's).
- Clear-McpTokenCache removes cached tokens by provider, client or all.
- Set-McpProfile, Get-McpProfile and Remove-McpProfile keep named token settings (never a secret) for Get-McpAccessToken -Profile.
- Invoke-RegistryApi calls the registries' APIs from scripts and pipelines: the right header and body encoding, every page with -All, retries, and a 401 or 403 explained.
- Get-RegistryServer, Register-RegistryServer, Enable-RegistryServer, Disable-RegistryServer, Set-RegistryServer, Unregister-RegistryServer, Get-RegistryGroup, Add-RegistryGroupMember, Remove-RegistryGroupMember, Import-RegistryGroup and Get-RegistryAgent do the common registry tasks in one line each, on Invoke-RegistryApi's auth, retries and paging.
- Export-McpClientConfig writes MCP servers into VS Code, Claude Code, Cursor, Windsurf, Roo Code, Cline and Claude Desktop configurations (and the gateway's own files), merged byte for byte, with fresh tokens through a helper where the client allows it.
- Test-McpConnection connects to an MCP server as a client does (DNS, TCP, TLS, HTTP, auth, initialize, list), times each step, classifies a failure (Usage, Auth, Unreachable, Protocol, ToolError), and puts each tool's predicted gateway verdict beside the observed one.
- Invoke-McpMethod sends any JSON-RPC method to an MCP server over Streamable HTTP or SSE and writes the result to the pipeline.
- Export-McpGatewayTokenFile writes a token into the gateway's .oauth-tokens/ingress.json or an egress file in the shape its scripts write, for its CLIs and token refresher.
'@
        }
    }
}
