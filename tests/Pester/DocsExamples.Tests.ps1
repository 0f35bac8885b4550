#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The examples of the token pages name real providers (Keycloak, Okta, Cognito, a server without
# discovery); each one runs here against the provider-shaped fixture (ConvertTo-FixtureExample), in
# order, in a home of its own, and must write no error.

BeforeDiscovery {
    $pages = 'Get-McpAccessToken', 'Clear-McpTokenCache', 'Set-McpProfile', 'Get-McpProfile', 'Remove-McpProfile'
    $cases = foreach ($page in $pages) {
        $text = Get-Content -LiteralPath (Join-Path $PSScriptRoot "../../docs/$page.md") -Raw
        $examples = [regex]::Split($text, '(?m)^### Example ') | Select-Object -Skip 1
        foreach ($example in $examples) {
            @{ Page = $page; Title = ($example -split "`n")[0]; Code = [regex]::Match($example, '(?s)```powershell\n(.*?)\n```').Groups[1].Value }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'IdpHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Idp = Start-TokenTestBed $TestDrive
    $script:Work = New-Item -ItemType Directory (Join-Path $TestDrive 'work')
    Set-Content -LiteralPath (Join-Path $Work 'm2m-secret.txt') -Value $IdpClientSecret
    Copy-Item -LiteralPath $Idp.KeyPath -Destination (Join-Path $Work 'signing-key.pem')
    $env:OKTA_CLIENT_SECRET = $IdpClientSecret
    $env:KEYCLOAK_M2M_SECRET = $IdpClientSecret
    # What the pages' examples expect to find: cached tokens and saved profiles.
    $setup = @'
Get-McpAccessToken -Authority https://keycloak.example.com/realms/mcp-gateway -ClientId mcp-gateway-m2m -ClientSecretFile ./m2m-secret.txt -Scope mcp-servers-unrestricted/read -Audience https://registry.example.com/registry/default/v0.1/servers
Get-McpAccessToken -Authority https://mcp-gateway.auth.us-east-1.amazoncognito.com -ClientId 3n4b5urk1ft4fl3mg5e62d9ado -ClientSecretFile ./m2m-secret.txt -Scope mcp-gateway/registry.read
Set-McpProfile ci-okta -Authority https://dev-4821.okta.com/oauth2/default -ClientId registry-ci -ClientAuthentication ClientSecretPost -Scope registry.read -ClientSecretVariable OKTA_CLIENT_SECRET
'@
    Push-Location $Work
    $null = & ([scriptblock]::Create((ConvertTo-FixtureExample $setup $Idp))) 6>&1
    # The user signed in once (the test acting as the user), so the sign-in examples answer from the cache.
    $null = Invoke-TestUserSignIn (ConvertTo-FixtureExample 'Get-McpAccessToken -Authority https://dev-4821.okta.com/oauth2/default -ClientId mcp-cli -Flow DeviceCode -Scope registry.read' $Idp) $Idp
}

AfterAll {
    Pop-Location
    Stop-TokenTestBed $Idp
    Remove-Item Env:OKTA_CLIENT_SECRET, Env:KEYCLOAK_M2M_SECRET -ErrorAction SilentlyContinue
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'The token pages'' examples run against the provider-shaped fixtures' {
    It '<Page> example <Title>' -ForEach $cases {
        $Code | Should -Not -BeNullOrEmpty
        $records = & ([scriptblock]::Create((ConvertTo-FixtureExample $Code $Idp))) *>&1
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        $text = ($records | Out-String -Width 200)
        $text | Should -Not -BeLike "*$IdpClientSecret*"
    }
}
