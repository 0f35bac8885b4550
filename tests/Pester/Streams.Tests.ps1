#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Every cmdlet run the way a pipeline task runs it: in this non-interactive session (build.ps1 starts
# Pester with -NonInteractive, where any prompt is an error), with -Verbose and -Debug, with -Debug
# alone, and rendered by its default view at 80 columns. No stream may carry a secret.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $exported = (Import-PowerShellDataFile -LiteralPath (Get-BuiltModulePath)).CmdletsToExport
    # One representative call per cmdlet; a cmdlet added to the manifest without a case fails below.
    $script:CaseNames = @(
        'New-RegistryApiToken', 'Test-RegistryToken', 'Test-RegistryAuthConfig',
        'Get-RegistryAuthMetadata', 'Test-ScopeAccess', 'Get-ScopeAccessMatrix',
        'Get-McpAccessToken', 'Clear-McpTokenCache', 'Set-McpProfile', 'Get-McpProfile', 'Remove-McpProfile',
        'Get-RegistryServer', 'Register-RegistryServer', 'Enable-RegistryServer', 'Disable-RegistryServer', 'Set-RegistryServer',
        'Unregister-RegistryServer', 'Get-RegistryGroup', 'Add-RegistryGroupMember', 'Remove-RegistryGroupMember',
        'Import-RegistryGroup', 'Get-RegistryAgent', 'Invoke-RegistryApi',
        'Export-McpClientConfig', 'Test-McpConnection', 'Invoke-McpMethod', 'Export-McpGatewayTokenFile'
    )
    $cases = $script:CaseNames | ForEach-Object { @{ Name = $_ } }
    $uncovered = @($exported | Where-Object { $_ -notin $script:CaseNames })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'IdpHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryApiHelpers.ps1')
    . (Join-Path $PSScriptRoot 'TaskRegistryHelpers.ps1')
    . (Join-Path $PSScriptRoot 'McpServerHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Registry = Start-TestRegistry
    $registryToken = ConvertTo-SecureString $RegistryToken -AsPlainText -Force
    # The server, group and agent cmdlets call the loopback gateway registry with this token.
    $script:TaskRegistryToken = 'streams-' + [guid]::NewGuid().ToString('N')
    $script:TaskRegistry = Start-TaskRegistry $TaskRegistryToken
    $reg = @{ RegistryUrl = $TaskRegistry.BaseUrl; Token = (ConvertTo-SecureString $TaskRegistryToken -AsPlainText -Force) }
    $groupFile = Join-Path $TestDrive 'streams-group.json'
    '{"scope_name":"streams-users","server_access":[{"server":"currenttime","methods":["initialize"],"tools":["*"]}],"group_mappings":["streams-users"]}' | Set-Content -LiteralPath $groupFile
    # The token cmdlets keep profiles and the token cache in the user's folders: those are in $TestDrive here.
    $script:Idp = Start-TokenTestBed $TestDrive
    $idpSecret = $Idp.Secret
    $tokenArgs = @{ Authority = $Idp.Issuer; ClientId = 'rs256-client'; ClientSecret = $idpSecret; Scope = 'read'; CaCertPath = $Idp.CaFile }
    # Cached now, so every call below returns this very token, which no stream may show.
    $script:IdpToken = Get-McpAccessToken @tokenArgs -AsPlainText
    $env:STREAMS_MCP_SECRET = $IdpClientSecret
    Set-McpProfile streams-bot -Authority $Idp.Issuer -ClientId rs256-client -Scope read -CaCertPath $Idp.CaFile -ClientSecretVariable STREAMS_MCP_SECRET
    $scopes = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes/default-scopes.yml'
    $corpus = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/toolhive/corpus'
    $script:Plain = New-RegistryApiToken -AsPlainText
    $secure = ConvertTo-SecureString -String $script:Plain -AsPlainText -Force
    $settings = @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_TOKEN = $script:Plain }
    $envFile = Join-Path $TestDrive 'streams.env'
    # The MCP cmdlets connect to the real MCP server fixture with this token.
    $script:McpToken = 'streams-mcp-' + [guid]::NewGuid().ToString('N')
    $script:Mcp = Start-TestMcpServer -Directory (Join-Path $TestDrive 'mcp') -Token $McpToken
    $mcpSecure = ConvertTo-SecureString $McpToken -AsPlainText -Force

    # Each call returns its records from every stream (*>&1), so nothing reaches the console.
    $script:Calls = @{
        'New-RegistryApiToken'     = { param($Common) New-RegistryApiToken -EnvFile $envFile -Force @Common }
        'Test-RegistryToken'       = { param($Common) Test-RegistryToken -Token $secure -Uri 'https://gw.example/api/servers' -Environment $settings @Common }
        'Test-RegistryAuthConfig'  = { param($Common) Test-RegistryAuthConfig -Path (Join-Path $corpus 'err-31-two-providers-several-errors.yaml') @Common }
        'Get-RegistryAuthMetadata' = { param($Common) Get-RegistryAuthMetadata -Uri 'http://127.0.0.1:9/registry/v0.1/servers' -TimeoutSec 5 @Common }
        'Test-ScopeAccess'         = { param($Common) Test-ScopeAccess -ScopesPath $scopes -Group registry-users-lob1 -Server currenttime -Method tools/call -Tool set_time @Common }
        'Get-ScopeAccessMatrix'    = { param($Common) Get-ScopeAccessMatrix -ScopesPath $scopes -Group registry-users-lob1 @Common }
        'Get-McpAccessToken'       = { param($Common) Get-McpAccessToken @tokenArgs @Common }
        'Clear-McpTokenCache'      = {
            param($Common)
            $null = Get-McpAccessToken -Authority $Idp.Issuer -ClientId post-client -ClientSecret $idpSecret -ClientAuthentication ClientSecretPost -Scope read -CaCertPath $Idp.CaFile
            Clear-McpTokenCache -ClientId post-client -PassThru @Common
        }
        'Set-McpProfile'           = { param($Common) Set-McpProfile streams-set -Authority $Idp.Issuer -ClientId rs256-client -ClientSecretVariable STREAMS_MCP_SECRET -PassThru @Common }
        'Get-McpProfile'           = { param($Common) Get-McpProfile streams-bot @Common }
        'Export-McpClientConfig'   = {
            param($Common)
            # The token itself is written (-IncludeToken): the warning, the -Verbose diff and the result show only its fingerprint.
            $idpSecure = ConvertTo-SecureString -String $script:IdpToken -AsPlainText -Force
            Export-McpClientConfig -Client Cline, ClaudeCode -Name currenttime -Uri 'https://gw.example/currenttime/mcp' -Token $idpSecure -IncludeToken -Path (Join-Path $TestDrive 'streams-mcp.json') -Force -PassThru @Common
        }
        # The IdP's token is written into ingress.json: only its fingerprint may show.
        'Export-McpGatewayTokenFile' = {
            param($Common)
            Get-McpAccessToken @tokenArgs | Export-McpGatewayTokenFile -GatewayProvider keycloak_m2m -Path (Join-Path $TestDrive 'streams-oauth-tokens') -Force -PassThru @Common
        }
        'Remove-McpProfile'        = {
            param($Common)
            Set-McpProfile streams-remove -Authority $Idp.Issuer -ClientId rs256-client
            Remove-McpProfile streams-remove -PassThru @Common
        }
        # Minted tokens come back as fingerprints; the token sent and the minted ones must appear nowhere.
        'Invoke-RegistryApi'       = { param($Common) Invoke-RegistryApi /api/tokens/generate -Method POST -Body @{ expires_in_hours = 8 } -RegistryUrl $Registry.BaseUrl -Token $registryToken @Common }
        'Get-RegistryServer'         = { param($Common) Get-RegistryServer @reg @Common }
        'Register-RegistryServer'    = { param($Common) Register-RegistryServer streams /streams http://streams:8000/ -Description 'A server registered by the streams test' -Force @reg @Common }
        'Enable-RegistryServer'      = { param($Common) Enable-RegistryServer /fininfo -PassThru @reg @Common }
        'Disable-RegistryServer'     = { param($Common) Disable-RegistryServer /sse-only -PassThru @reg @Common }
        'Set-RegistryServer'         = { param($Common) Set-RegistryServer /context7 -Description 'Library docs' -PassThru @reg @Common }
        'Unregister-RegistryServer'  = {
            param($Common)
            $null = Register-RegistryServer streams-gone /streams-gone http://gone:8000/ -Force @reg
            Unregister-RegistryServer /streams-gone -Force @reg @Common
            # What is left: the server the Register case made, not the one removed here.
            Get-RegistryServer 'streams*' @reg
        }
        'Get-RegistryGroup'          = { param($Common) Get-RegistryGroup @reg @Common }
        'Add-RegistryGroupMember'    = { param($Common) Add-RegistryGroupMember -Group streams-group -ServerName currenttime -PassThru @reg @Common }
        'Remove-RegistryGroupMember' = { param($Common) Remove-RegistryGroupMember -Group streams-group -ServerName currenttime -PassThru @reg @Common }
        'Import-RegistryGroup'       = { param($Common) Import-RegistryGroup $groupFile -PassThru @reg @Common }
        'Get-RegistryAgent'          = { param($Common) Get-RegistryAgent @reg @Common }
        'Test-McpConnection'         = { param($Common) Test-McpConnection $Mcp.Url -Token $mcpSecure @Common }
        'Invoke-McpMethod'           = { param($Common) Invoke-McpMethod $Mcp.Url tools/list -All -Token $mcpSecure @Common }
    }

    function Invoke-Case([string] $Name, [hashtable] $Common) {
        & $script:Calls[$Name] $Common *>&1
    }

    # The secrets this run knows: the test token, the IdP's client secret and token, and whatever token New-RegistryApiToken wrote.
    function Get-KnownSecret {
        $script:Plain
        $IdpClientSecret
        $script:IdpToken
        $RegistryToken
        'minted-access-token-value'
        'minted-refresh-token-value'
        $script:TaskRegistryToken
        $script:McpToken
        if (Test-Path -LiteralPath $envFile) {
            Get-Content -LiteralPath $envFile | Where-Object { $_ -match '^REGISTRY_API_TOKEN=(.+)$' } | ForEach-Object { $Matches[1].Trim('"', "'") }
        }
    }

    function Get-RecordText($Records) {
        foreach ($record in $Records) {
            if ($record -is [System.Management.Automation.ErrorRecord]) { $record.ToString(); $record.ErrorDetails.RecommendedAction }
            elseif ($record -is [System.Management.Automation.InformationalRecord]) { $record.Message }
            else { $record | Out-String -Width 200; $record | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue }
        }
    }
}

AfterAll {
    Stop-TokenTestBed $Idp
    Stop-TestRegistry $Registry
    Stop-TaskRegistry $TaskRegistry
    Stop-TestMcpServer $Mcp
    Remove-Item Env:STREAMS_MCP_SECRET -ErrorAction SilentlyContinue
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Streams in a non-interactive session' {
    It 'has a case for every exported cmdlet' {
        $uncovered | Should -BeNullOrEmpty -Because 'every cmdlet is run with -Verbose and -Debug here'
    }

    It '<Name> -Verbose -Debug -WarningAction Continue writes to the verbose stream, never prompts and never shows a secret' -ForEach $cases {
        $records = Invoke-Case $Name @{ Verbose = $true; Debug = $true; WarningAction = 'Continue' }
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        @($records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] -and $_ -isnot [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterThan 0
        $text = (Get-RecordText $records) -join "`n"
        foreach ($secret in Get-KnownSecret) { $text | Should -Not -BeLike "*$secret*" }
    }

    It '<Name> -Debug alone never prompts: verbose lines and warnings go to the debug stream' -ForEach $cases {
        $records = Invoke-Case $Name @{ Debug = $true }
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -BeNullOrEmpty
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
        @($debug | Where-Object Message -like '`[verbose`] *').Count | Should -BeGreaterThan 0
        $text = (Get-RecordText $records) -join "`n"
        foreach ($secret in Get-KnownSecret) { $text | Should -Not -BeLike "*$secret*" }
    }

    It '<Name> keeps its streams apart without -Debug' -ForEach $cases {
        $records = Invoke-Case $Name @{ Verbose = $true }
        @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }) | Should -BeNullOrEmpty
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '`[verbose`]*' }) | Should -BeNullOrEmpty
    }

    It '<Name> renders its default view at 80 columns' -ForEach $cases {
        $objects = @(Invoke-Case $Name @{ WarningAction = 'SilentlyContinue' } | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] -and $_ -isnot [System.Management.Automation.ErrorRecord] })
        $objects.Count | Should -BeGreaterThan 0
        $rendered = $objects | Out-String -Width 80
        $rendered.Trim() | Should -Not -BeNullOrEmpty
        foreach ($secret in Get-KnownSecret) { $rendered | Should -Not -BeLike "*$secret*" }
    }
}
