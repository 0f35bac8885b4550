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
            $title = ($example -split "`n")[0]
            # The gateway and Kubernetes examples need a registry, token files or a pod, not an IdP: their
            # behaviour is run in GetMcpAccessToken.GatewaySources.Tests.ps1.
            if ($page -eq 'Get-McpAccessToken' -and $title -match '^\d+ - (Gateway|Kubernetes):') { continue }
            @{ Page = $page; Title = $title; Code = [regex]::Match($example, '(?s)```powershell\n(.*?)\n```').Groups[1].Value }
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

Describe 'Test-RegistryToken example 5 explains a 403 down to the scope rule, as documented' {
    BeforeAll {
        function ConvertTo-Base64Url([byte[]] $Bytes) { [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }

        $page = Get-Content -LiteralPath (Join-Path $PSScriptRoot '../../docs/Test-RegistryToken.md') -Raw
        $example = ([regex]::Split($page, '(?m)^### Example ') | Where-Object { $_ -like '5 - *' })
        $script:Code = [regex]::Match($example, '(?s)```powershell\n(.*?)\n```').Groups[1].Value
        $script:Documented = [regex]::Match($example, '(?s)```Output\n(.*?)\n```').Groups[1].Value

        # What the example names: a Keycloak token for dana in registry-users-lob2, the IdP's keys, release 1.24's scopes.yml.
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'example5')
        $rsa = [Security.Cryptography.RSA]::Create(2048)
        $public = $rsa.ExportParameters($false)
        @{ keys = @(@{ kty = 'RSA'; kid = 'kc-1'; use = 'sig'; n = (ConvertTo-Base64Url $public.Modulus); e = (ConvertTo-Base64Url $public.Exponent) }) } |
            ConvertTo-Json -Depth 5 -Compress | Set-Content -LiteralPath (Join-Path $folder 'keycloak-certs.json')
        Copy-Item -LiteralPath (Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes/default-scopes.yml') -Destination (Join-Path $folder 'scopes.yml')
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $claims = @{ iss = 'https://keycloak.example.com/realms/mcp-gateway'; aud = 'mcp-gateway-web'; azp = 'mcp-gateway-web'; preferred_username = 'dana'; groups = @('registry-users-lob2'); exp = $now + 600; iat = $now - 5 }
        $header = ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes((@{ alg = 'RS256'; typ = 'JWT'; kid = 'kc-1' } | ConvertTo-Json -Compress)))
        $payload = ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes(($claims | ConvertTo-Json -Compress)))
        $signature = ConvertTo-Base64Url ($rsa.SignData([Text.Encoding]::ASCII.GetBytes("$header.$payload"), [Security.Cryptography.HashAlgorithmName]::SHA256, [Security.Cryptography.RSASignaturePadding]::Pkcs1))
        $script:Example5 = @{
            Folder = $folder
            Token = ConvertTo-SecureString -String "$header.$payload.$signature" -AsPlainText -Force
            Kc = @{ AUTH_PROVIDER = 'keycloak'; KEYCLOAK_URL = 'https://keycloak.example.com'; KEYCLOAK_CLIENT_ID = 'mcp-gateway-web'; KEYCLOAK_CLIENT_SECRET = 'unused'; SECRET_KEY = New-RegistryApiToken -AsPlainText }
        }
    }

    It 'prints the documented verbose lines and verdict at 80 columns' {
        $Code | Should -Not -BeNullOrEmpty
        Push-Location $Example5.Folder
        try {
            $token = $Example5.Token
            $kc = $Example5.Kc
            $output = & ([scriptblock]::Create($Code)) | Out-String -Width 80
        }
        finally {
            Pop-Location
        }

        # The page shows the verbose stream as the console does (VERBOSE: prefix, unwrapped); the verdict at 80 columns.
        $lines = { param($text) @($text -split "`r?`n" | ForEach-Object { $_.TrimEnd() -replace '^VERBOSE: ', '' } | Where-Object { $_ -ne '' }) }
        (& $lines $output) | Should -Be (& $lines $Documented)
        $output | Should -BeLike "*Gateway.Fgac.Scope: observed scope 'registry-users-lob2': none of its 4 rule(s) names server 'currenttime'*"
    }
}
