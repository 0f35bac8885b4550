#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force

    function ConvertTo-Base64Url([byte[]] $Bytes) {
        [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')
    }

    function New-TestJwt([hashtable] $Claims, [string] $Kid = 'kc-1') {
        $header = ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes((@{ alg = 'RS256'; typ = 'JWT'; kid = $Kid } | ConvertTo-Json -Compress)))
        $payload = ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes(($Claims | ConvertTo-Json -Compress)))
        $signingInput = [Text.Encoding]::ASCII.GetBytes("$header.$payload")
        $signature = $script:Rsa.SignData($signingInput, [Security.Cryptography.HashAlgorithmName]::SHA256, [Security.Cryptography.RSASignaturePadding]::Pkcs1)
        "$header.$payload.$(ConvertTo-Base64Url $signature)"
    }

    $script:Rsa = [Security.Cryptography.RSA]::Create(2048)
    $public = $script:Rsa.ExportParameters($false)
    $script:JwksFile = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).jwks.json"
    @{ keys = @(@{ kty = 'RSA'; kid = 'kc-1'; use = 'sig'; n = (ConvertTo-Base64Url $public.Modulus); e = (ConvertTo-Base64Url $public.Exponent) }) } |
        ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $script:JwksFile

    $script:Keycloak = @{
        AUTH_PROVIDER = 'keycloak'; KEYCLOAK_URL = 'https://kc.example.com'; KEYCLOAK_REALM = 'mcp-gateway'
        KEYCLOAK_CLIENT_ID = 'mcp-gateway-web'; KEYCLOAK_CLIENT_SECRET = 'unused'
    }
    $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    $script:Claims = @{ iss = 'https://kc.example.com/realms/mcp-gateway'; aud = 'mcp-gateway-web'; preferred_username = 'bob'; exp = $now + 600; iat = $now - 5; groups = @('registry-users-lob1') }
    $script:ScopesFile = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes/default-scopes.yml'
    $script:ToolsList = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
    $script:Good = ConvertTo-SecureString -String (New-TestJwt $script:Claims) -AsPlainText -Force
    $script:McpUri = 'https://gw.example/currenttime/mcp'

    function Get-FirstJwtFailure($Verdict) {
        ($Verdict.Checks | Where-Object { -not $_.Passed -and $_.Name -like 'Gateway.Jwt.*' } | Select-Object -First 1).Name
    }
}

AfterAll {
    Remove-Item -LiteralPath $script:JwksFile -ErrorAction SilentlyContinue
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Test-RegistryToken (gateway JWT stage)' {
    It 'accepts a Keycloak token checked against an offline JWKS' {
        $verdict = Test-RegistryToken -Token $Good -Uri $McpUri -Body $ToolsList -Environment $Keycloak -Jwks $JwksFile -ScopesPath $ScopesFile
        $verdict.Status | Should -Be 200
        $verdict.AcceptedBy | Should -Be 'Jwt:keycloak'
        $verdict.Identity | Should -Be 'bob'
        $verdict.IsProvisional | Should -BeFalse
        $verdict.ScopeAccess.GrantedBy.Scope | Should -Be 'registry-users-lob1'
    }

    It 'marks the answer provisional when FGAC needs scope definitions that were not given' {
        $verdict = Test-RegistryToken -Token $Good -Uri $McpUri -Body $ToolsList -Environment $Keycloak -Jwks $JwksFile
        $verdict.Status | Should -Be 200
        $verdict.IsProvisional | Should -BeTrue
        ($verdict.Checks | Where-Object Name -eq 'Gateway.Fgac.NotEvaluated').Passed | Should -BeFalse
    }

    It 'replays the token as of a later instant with -At' {
        $verdict = Test-RegistryToken -Token $Good -Uri $McpUri -Environment $Keycloak -Jwks $JwksFile -At ([datetime]::UtcNow.AddHours(2))
        $verdict.Status | Should -Be 401
        $verdict.Detail | Should -Be 'Token validation failed'
        Get-FirstJwtFailure $verdict | Should -Be 'Gateway.Jwt.Expiry'
    }

    It 'explains the Keycloak aud "account" rejection' {
        $claims = $Claims.Clone()
        $claims.aud = 'account'
        $token = ConvertTo-SecureString -String (New-TestJwt $claims) -AsPlainText -Force
        $verdict = Test-RegistryToken -Token $token -Uri $McpUri -Environment $Keycloak -Jwks $JwksFile
        Get-FirstJwtFailure $verdict | Should -Be 'Gateway.Jwt.Audience'
        ($verdict.Hints -join ' ') | Should -BeLike '*Audience mapper*'
    }

    It 'names a kid the JWKS does not hold' {
        $token = ConvertTo-SecureString -String (New-TestJwt $Claims -Kid 'kc-2') -AsPlainText -Force
        $verdict = Test-RegistryToken -Token $token -Uri $McpUri -Environment $Keycloak -Jwks $JwksFile
        Get-FirstJwtFailure $verdict | Should -Be 'Gateway.Jwt.KeyLookup'
    }

    It 'writes the JWT checks to Verbose without the token' {
        $plain = ConvertTo-PlainText $Good
        $records = Test-RegistryToken -Token $Good -Uri $McpUri -Environment $Keycloak -Jwks $JwksFile -Verbose 4>&1
        $verbose = ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        ($verbose | Where-Object { $_ -like '`[PASS`] Gateway.Jwt.Signature*' }) | Should -HaveCount 1
        ($verbose -join "`n") | Should -Not -BeLike "*$($plain.Split('.')[1])*"
    }

    It 'refuses a -Jwks file that is not a key set, with a stable error id' {
        $notJwks = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).json"
        try {
            Set-Content -LiteralPath $notJwks -Value '{"issuer":"https://kc.example.com"}'
            { Test-RegistryToken -Token $Good -Uri $McpUri -Environment $Keycloak -Jwks $notJwks -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidJwks,McpRegistryAuth.Commands.TestRegistryTokenCommand'
        }
        finally {
            Remove-Item -LiteralPath $notJwks -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Test-RegistryToken (ToolHive providers)' {
    BeforeAll {
        $script:ConfigFile = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).yaml"
        @(
            'auth:'
            '  mode: oauth'
            '  oauth:'
            '    resourceUrl: https://registry.example.com'
            '    providers:'
            '      - name: keycloak'
            '        issuerUrl: https://kc.example.com/realms/mcp-gateway/'
            '        audience: mcp-gateway-web'
            '        jwksUrl: https://kc.example.com/realms/mcp-gateway/protocol/openid-connect/certs'
        ) | Set-Content -LiteralPath $script:ConfigFile
    }

    AfterAll {
        Remove-Item -LiteralPath $script:ConfigFile -ErrorAction SilentlyContinue
    }

    It 'gives the 401 bytes and the DEBUG reason for an issuer that differs by a trailing slash' {
        $verdict = Test-RegistryToken -RegistryType ToolHive -ConfigPath $ConfigFile -Token $Good -Uri 'https://registry.example.com/registry/v0.1/servers' -Jwks $JwksFile
        $verdict.Status | Should -Be 401
        $verdict.WwwAuthenticate | Should -BeLike 'Bearer realm="mcp-registry", error="invalid_token"*'
        ($verdict.Checks | Where-Object Name -eq 'ToolHive.Provider.DebugLog').Observed | Should -Be 'Provider failed to validate token provider=keycloak error=invalid issuer'
        ($verdict.Hints -join ' ') | Should -BeLike '*trailing slash*'
    }

    It 'shows each step of a JWKS fetch the server refuses (a loopback address without allowPrivateIP)' {
        $privateConfig = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).yaml"
        try {
            @(
                'auth:'
                '  mode: oauth'
                '  oauth:'
                '    resourceUrl: https://registry.example.com'
                '    providers:'
                '      - name: local-idp'
                '        issuerUrl: https://kc.example.com/realms/mcp-gateway'
                '        audience: mcp-gateway-web'
                '        jwksUrl: https://127.0.0.1:9/certs'
            ) | Set-Content -LiteralPath $privateConfig
            # The private-address rule refuses 127.0.0.1 before any connection is made.
            $output = Test-RegistryToken -RegistryType ToolHive -ConfigPath $privateConfig -Token $Good -Uri 'https://registry.example.com/registry/v0.1/servers' -NoCache -Verbose 4>&1
            $verbose = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join "`n"
            $verdict = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $verdict.Status | Should -Be 401
            $verbose | Should -Match '\[FAIL\] Fetch\.PrivateAddress: observed 127\.0\.0\.1 \(private: blocked without allowPrivateIP\)'
            ($verdict.Checks | Where-Object Name -eq 'Fetch.TcpConnect').Observed | Should -Be 'not evaluated: Fetch.PrivateAddress failed'
            ($verdict.Hints -join ' ') | Should -BeLike '*allowPrivateIP: true*'
        }
        finally {
            Remove-Item -LiteralPath $privateConfig -ErrorAction SilentlyContinue
        }
    }

    It 'requires -ConfigPath for -RegistryType ToolHive' {
        { Test-RegistryToken -RegistryType ToolHive -Token $Good -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigPathRequired,McpRegistryAuth.Commands.TestRegistryTokenCommand'
    }
}
