#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Every view of the format file, rendered as a user sees it at 80 and 120 columns. The view list comes
# from the built format file, so a view added later fails here until it has a sample below.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $formatFile = Join-Path (Split-Path (Get-BuiltModulePath)) 'McpRegistryAuth.format.ps1xml'
    $views = foreach ($view in ([xml](Get-Content -LiteralPath $formatFile -Raw)).Configuration.ViewDefinitions.View) {
        foreach ($width in 80, 120) {
            @{ TypeName = $view.ViewSelectedBy.TypeName; Table = [bool]$view.TableControl; Wraps = $null -ne $view.SelectSingleNode('TableControl/TableRowEntries/TableRowEntry/Wrap'); Width = $width }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'IdpHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryApiHelpers.ps1')
    . (Join-Path $PSScriptRoot 'McpServerHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Idp = Start-TokenTestBed $TestDrive
    # A connection test through the gateway emulation, with predictions and calls, and one that fails.
    $script:McpGateway = Start-TestMcpGateway (Join-Path $TestDrive 'mcp-gateway')
    $mcpResult = Test-McpConnection $McpGateway.Url -Token 'fixture-users-token-3b7d91' -ScopesPath $McpGateway.ScopesPath -Group fixture-users `
        -CallTools echo, add -ToolArguments @{ echo = @{ text = 'hi' }; add = @{ a = 1; b = 2 } } -Confirm:$false -WarningAction SilentlyContinue
    $mcpFailed = Test-McpConnection $McpGateway.Url -Token 'an-unknown-token' -ErrorAction SilentlyContinue
    $idpSecret = $Idp.Secret
    $scopes = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes/default-scopes.yml'
    $corpus = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/toolhive/corpus'
    $settings = @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_TOKEN = 'Zq3v9Kx2Lm8Np4Rt6Wy1Bc5Df7Gh0Jk-Qs2Uv4Xz6' }
    $verdict = Test-RegistryToken -Token (New-RegistryApiToken) -Uri 'https://gw.example/api/servers' -Environment $settings

    # Realistic objects of each type: long names, long messages, several rows.
    $script:Samples = @{
        'McpRegistryAuth.Core.McpProtocol.McpConnectionResult'   = { $mcpResult; $mcpFailed }
        'McpRegistryAuth.Core.McpProtocol.McpConnectionStep'     = { $mcpResult.Steps; $mcpFailed.Steps }
        'McpRegistryAuth.Core.McpProtocol.McpToolAccess'         = { $mcpResult.Tools }
        'McpRegistryAuth.Output.RegistryServer'                   = {
            [McpRegistryAuth.Output.RegistryServer]@{ Name = 'currenttime'; Path = '/currenttime'; Enabled = $true; Url = 'https://registry.example.com/currenttime/mcp'; Description = 'Current time in any timezone' }
            [McpRegistryAuth.Output.RegistryServer]@{ Name = 'financial-information-server'; Path = '/financial-information-server'; Enabled = $false; Url = 'https://registry.example.com/gateway/financial-information-server/mcp' }
            [McpRegistryAuth.Output.RegistryServer]@{ Name = 'io.github.example/context7'; Url = 'https://mcp.context7.com/mcp'; Version = '1.0.2' }
        }
        'McpRegistryAuth.Output.RegistryGroup'                    = {
            [McpRegistryAuth.Output.RegistryGroup]@{ Name = 'registry-users-lob1'; Servers = @('currenttime', 'fininfo', 'context7', 'mcpgw', 'realserverfaketools', 'sre-gateway', 'atlassian') }
            [McpRegistryAuth.Output.RegistryGroup]@{ Name = 'virtual-scoped-tools-users-with-a-long-name'; Servers = @('virtual/dev-essentials') }
        }
        'McpRegistryAuth.Output.RegistryAgent'                    = {
            [McpRegistryAuth.Output.RegistryAgent]@{ Name = 'travel-assistant-agent'; Path = '/agents/travel-assistant-agent'; Enabled = $true; Url = 'http://travel-assistant.internal.example.com:9000/' }
            [McpRegistryAuth.Output.RegistryAgent]@{ Name = 'flight-booking'; Path = '/flight-booking'; Enabled = $false; Url = 'http://flight-booking:9001/' }
        }
        'McpRegistryAuth.Core.Check'                              = { $verdict.Checks }
        'McpRegistryAuth.Core.Finding'                            = { Test-RegistryAuthConfig -Path (Join-Path $corpus 'err-31-two-providers-several-errors.yaml') }
        'McpRegistryAuth.Core.Verdict'                            = { $verdict }
        'McpRegistryAuth.Output.RegistryApiToken'                 = { New-RegistryApiToken; New-RegistryApiToken -ByteCount 64 }
        'McpRegistryAuth.Core.Http.RegistryAuthMetadata'          = { Get-RegistryAuthMetadata -Uri 'http://127.0.0.1:9/registry/default/v0.1/servers' -TimeoutSec 5 -WarningAction SilentlyContinue }
        'McpRegistryAuth.Core.Http.AuthenticationChallenge'       = { Get-RegistryAuthMetadata -WwwAuthenticate 'Bearer realm="https://auth.example.com/realms/mcp", error="invalid_token", error_description="The access token expired at 2026-12-01T10:00:00Z", resource_metadata="https://registry.example.com/.well-known/oauth-protected-resource/registry/v0.1/servers"' }
        'McpRegistryAuth.Core.Gateway.Scopes.ScopeAccessResult'   = {
            Test-ScopeAccess -ScopesPath $scopes -Group registry-users-lob1 -Server currenttime -Method tools/call -Tool set_time
            Test-ScopeAccess -ScopesPath $scopes -Group registry-users-lob1 -Server currenttime -Method tools/call -Tool current_time_by_timezone
        }
        'McpRegistryAuth.Core.Gateway.Scopes.ScopeAccessRow'      = { Get-ScopeAccessMatrix -ScopesPath $scopes -Group registry-users-lob1, registry-admins }
        'McpRegistryAuth.Core.Gateway.Scopes.ProxiedEntityAccessRow' = {
            Get-ScopeAccessMatrix -ScopesPath $scopes -Group registry-admins, registry-users-lob1 -HttpMethod GET, POST, DELETE `
                -ProxiedEntity 'a2a_agent/agents/travel-assistant-agent', 'rest-endpoint/rest-endpoint/4f1c2b9e-8d7a-4c21-9a57-0e6f3b2d1c8a'
        }
        'McpRegistryAuth.Core.Tokens.TokenInspection'             = { Test-RegistryToken -Token (New-RegistryApiToken) }
        'McpRegistryAuth.Output.McpClientConfigExport'            = {
            $project = Join-Path $TestDrive 'format-project'
            $null = New-Item -ItemType Directory -Force -Path $project
            Push-Location $project
            try {
                Export-McpClientConfig -Client VSCode, ClaudeCode, ClaudeDesktop, GatewayRoo -Name currenttime -Uri 'https://mcpgateway.example.com/currenttime/mcp' -PassThru -Confirm:$false
                Export-McpClientConfig -Client Cursor -Name fininfo -Uri 'https://mcpgateway.example.com/fininfo/mcp' -ConfigScope Project -PassThru -Confirm:$false
            }
            finally { Pop-Location }
        }
        'McpRegistryAuth.Output.McpAccessToken'                   = {
            Get-McpAccessToken -Authority $Idp.Issuer -ClientId rs256-client -ClientSecret $idpSecret -Scope read, write -Audience 'https://registry.example.com/registry/default/v0.1/servers' -CaCertPath $Idp.CaFile
            Get-McpAccessToken -Provider Cognito -Authority $Idp.BaseUrl -ClientId cognito-client -ClientSecret $idpSecret -Scope registry/read, registry/write -CaCertPath $Idp.CaFile
        }
        'McpRegistryAuth.Output.RegistryApiRawResponse'           = {
            $registry = Start-TestRegistry
            try {
                Invoke-RegistryApi /api/config -RegistryUrl $registry.BaseUrl -Raw
                Invoke-RegistryApi /api/servers -RegistryUrl $registry.BaseUrl -Token (ConvertTo-SecureString $RegistryToken -AsPlainText -Force) -Query @{ limit = 3 } -Raw
            }
            finally { Stop-TestRegistry $registry }
        }
        'McpRegistryAuth.Core.OAuth.McpProfile'                   = {
            Set-McpProfile keycloak-ci-bot -Authority 'https://keycloak.example.com/realms/mcp-gateway' -ClientId mcp-gateway-m2m -Scope 'mcp-servers-unrestricted/read', 'mcp-servers-unrestricted/execute' -ClientSecretVariable KEYCLOAK_M2M_SECRET -PassThru
            Set-McpProfile cognito -Provider Cognito -Authority 'https://mcp-gateway.auth.us-east-1.amazoncognito.com' -ClientId 3n4b5urk1ft4fl3mg5e62d9ado -ClientSecretFile '/run/secrets/cognito-client-secret' -PassThru
        }
    }
}

AfterAll {
    Stop-TokenTestBed $Idp
    Stop-TestMcpGateway $McpGateway
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Default views' {
    It '<TypeName> at <Width> columns: every line fits and the first column is never cut' -ForEach $views {
        $script:Samples.ContainsKey($TypeName) | Should -BeTrue -Because "every view needs a sample in $PSCommandPath"
        $objects = @(& $script:Samples[$TypeName])
        $objects.Count | Should -BeGreaterThan 0
        $objects[0].PSObject.TypeNames[0] | Should -Be $TypeName
        $lines = ($objects | Out-String -Width $Width) -split "`r?`n"
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual $Width -Because "'$line' is wider than $Width" }
        if ($Table) {
            # The header's dash line marks the columns; the first one holds whole values, and in a view
            # that wraps, the last one (where long text goes) keeps at least 30 columns, never fragments.
            $dashes = @($lines | Where-Object { $_ -match '^-+( +-+)*\s*$' })[0]
            $dashes | Should -Not -BeNullOrEmpty
            $runs = [regex]::Matches($dashes, '-+')
            if ($Wraps) { ($Width - $runs[$runs.Count - 1].Index) | Should -BeGreaterOrEqual 30 }
            $firstColumn = $lines | Where-Object { $_.Length -ge $runs[0].Length } | ForEach-Object { $_.Substring(0, $runs[0].Length) }
            ($firstColumn -join "`n") | Should -Not -Match ([char]0x2026)
        }
    }
}
