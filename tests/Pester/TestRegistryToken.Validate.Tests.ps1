#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Test-RegistryToken gives the gateway's whole /validate answer: after authentication the A2A invoke check
# or FGAC (with -ScopesPath), then the token_kind gate; ClientStatus is what the client finally gets.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force

    function ConvertTo-Base64Url([byte[]] $Bytes) {
        [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')
    }

    function New-KeycloakToken([string[]] $Groups, [int] $ExpiresIn = 600) {
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $claims = @{ iss = 'https://kc.example.com/realms/mcp-gateway'; aud = 'mcp-gateway-web'; preferred_username = 'bob'; exp = $now + $ExpiresIn; iat = $now - 900; groups = $Groups }
        $header = ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes((@{ alg = 'RS256'; typ = 'JWT'; kid = 'kc-1' } | ConvertTo-Json -Compress)))
        $payload = ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes(($claims | ConvertTo-Json -Compress)))
        $signature = $script:Rsa.SignData([Text.Encoding]::ASCII.GetBytes("$header.$payload"), [Security.Cryptography.HashAlgorithmName]::SHA256, [Security.Cryptography.RSASignaturePadding]::Pkcs1)
        ConvertTo-SecureString -String "$header.$payload.$(ConvertTo-Base64Url $signature)" -AsPlainText -Force
    }

    $script:Rsa = [Security.Cryptography.RSA]::Create(2048)
    $public = $script:Rsa.ExportParameters($false)
    $script:Jwks = @{ keys = @(@{ kty = 'RSA'; kid = 'kc-1'; use = 'sig'; n = (ConvertTo-Base64Url $public.Modulus); e = (ConvertTo-Base64Url $public.Exponent) }) } | ConvertTo-Json -Depth 5 -Compress
    $script:Keycloak = @{
        AUTH_PROVIDER = 'keycloak'; KEYCLOAK_URL = 'https://kc.example.com'; KEYCLOAK_CLIENT_ID = 'mcp-gateway-web'; KEYCLOAK_CLIENT_SECRET = 'unused'
        SECRET_KEY = New-RegistryApiToken -AsPlainText
    }
    $script:ScopesFile = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes/default-scopes.yml'
    $script:McpUri = 'https://gw.example.com/currenttime/mcp'
    $script:ToolsList = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
    $script:Lob2 = New-KeycloakToken @('registry-users-lob2')
    $script:Admin = New-KeycloakToken @('registry-admins')
    $script:Common = @{ Environment = $script:Keycloak; Jwks = $script:Jwks; ScopesPath = $script:ScopesFile }
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Test-RegistryToken: FGAC through /validate' {
    It 'answers FGAC''s 403 and holds the decision Test-ScopeAccess gives' {
        $verdict = Test-RegistryToken -Token $Lob2 -Uri $McpUri -Body $ToolsList @Common
        $verdict.Status | Should -Be 403
        $verdict.Detail | Should -Be 'Access denied to currenttime.tools/list'
        $verdict.ClientStatus | Should -Be 403
        $verdict.ClientBody | Should -Be '{"error": "Access forbidden"}'
        $verdict.FailedCheck.Name | Should -Be 'Gateway.Fgac.Decision'

        $direct = Test-ScopeAccess -ScopesPath $ScopesFile -Group registry-users-lob2 -Uri $McpUri -Body $ToolsList
        $verdict.ScopeAccess.Allowed | Should -Be $direct.Allowed
        $verdict.ScopeAccess.Detail | Should -Be $direct.Detail
        $verdict.ScopeAccess.Server | Should -Be 'currenttime'
        $verdict.ScopeAccess.Method | Should -Be 'tools/list'
    }

    It 'explains the 403 down to each scope with -Verbose -Debug, without prompting and without the token' {
        $records = Test-RegistryToken -Token $Lob2 -Uri $McpUri -Body $ToolsList @Common -Verbose -Debug *>&1
        $messages = @($records | Where-Object { $_ -is [System.Management.Automation.InformationalRecord] } | ForEach-Object Message)
        $messages | Where-Object { $_ -like "``[FAIL``] Gateway.Fgac.Scope: observed scope 'registry-users-lob2': none of its *" } | Should -HaveCount 1
        $messages | Where-Object { $_ -like '`[FAIL`] Gateway.Fgac.Decision: observed no rule grants it; expected a rule granting currenttime.tools/list*' } | Should -HaveCount 1
        $token = ConvertTo-PlainText $Lob2
        ($messages -join "`n") | Should -Not -BeLike "*$($token.Split('.')[2])*"
        ($records | Where-Object { $_.PSObject.TypeNames -contains 'McpRegistryAuth.Core.Verdict' }).Status | Should -Be 403
    }

    It 'answers -Quiet with what the client gets: the proxy hop refuses a batch /validate allowed' {
        $verdict = Test-RegistryToken -Token $Admin -Uri $McpUri -Body "[$ToolsList]" @Common
        $verdict.Status | Should -Be 200
        $verdict.ClientStatus | Should -Be 403
        $verdict.FailedCheck.Name | Should -Be 'Gateway.Fgac.ProxyHop'
        Test-RegistryToken -Token $Admin -Uri $McpUri -Body "[$ToolsList]" @Common -Quiet | Should -BeFalse
        Test-RegistryToken -Token $Admin -Uri $McpUri -Body $ToolsList @Common -Quiet | Should -BeTrue
    }

    It 'refuses an A2A call without an invoke scope' {
        $gatewayToken = ConvertTo-PlainText $Lob2
        $verdict = Test-RegistryToken -Uri 'https://gw.example.com/agent/flight-booking/' -Header @{ 'X-Authorization' = "Bearer $gatewayToken" } -Body '{"jsonrpc":"2.0","id":1,"method":"message/send"}' @Common
        $verdict.Status | Should -Be 403
        $verdict.Detail | Should -Be 'Access denied to agent /flight-booking - no invoke scope'
    }

    It 'gives /validate''s answer for /api without a slash, which nginx serves without asking it' {
        $verdict = Test-RegistryToken -Token $Lob2 -Uri 'https://gw.example.com/api' @Common
        $verdict.Status | Should -Be 200
        $verdict.ClientStatus | Should -BeNullOrEmpty
        ($verdict.Warnings -join ' ') | Should -BeLike '*does not call /validate*'
        ($verdict.Checks | Where-Object Name -eq 'Gateway.Nginx.AuthRequest').Passed | Should -BeFalse
    }
}

Describe 'Test-RegistryToken: startup of release 1.30' {
    It 'reads a .env without SECRET_KEY as a server that does not start' {
        $envFile = Join-Path $TestDrive 'no-secret.env'
        Set-Content -LiteralPath $envFile -Value "REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true`nSECRET_KEY="
        $verdict = Test-RegistryToken -Token $Lob2 -Uri 'https://gw.example.com/api/servers' -EnvFile $envFile -WarningAction SilentlyContinue
        $verdict.Status | Should -BeNullOrEmpty
        $verdict.Detail | Should -BeLike 'SECRET_KEY environment variable is required. Set it to a random value at least 32 characters long*'
        $verdict.ClientStatus | Should -Be 500
        ($verdict.Findings | Where-Object Severity -eq 'Error').Code | Should -Be 'GW008'
    }

    It 'New-RegistryApiToken -EnvFile warns when the file it writes would not start the server' {
        $envFile = Join-Path $TestDrive 'new-token.env'
        Set-Content -LiteralPath $envFile -Value 'SECRET_KEY=changeme'
        $plain = New-RegistryApiToken -EnvFile $envFile -Force -AsPlainText -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join ' ') | Should -BeLike '*does not start*SECRET_KEY is set to a well-known placeholder value*'
        ($warnings -join ' ') | Should -Not -BeLike "*$plain*"
    }
}

Describe 'Test-ScopeAccess: the shapes /validate accepts' {
    It 'takes an empty -Server as a URL without a server segment, which /validate lets through' {
        $result = Test-ScopeAccess -ScopesPath $ScopesFile -Server '' -Method tools/call -Tool anything -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Allowed | Should -BeTrue
        $result.Status | Should -Be 200
        ($warnings -join ' ') | Should -BeLike '*No server name*'
    }

    It 'compares a JSON-RPC method that is not a string as the gateway does' {
        $result = Test-ScopeAccess -ScopesPath $ScopesFile -Group registry-users-lob1 -Uri $McpUri -Body '{"jsonrpc":"2.0","id":1,"method":5}' -WarningAction SilentlyContinue
        $result.Allowed | Should -BeFalse
        $result.Detail | Should -Be 'Access denied to currenttime.5'
    }
}

Describe 'Test-RegistryToken: issue 11''s last gaps, with -Verbose against the built module' {
    BeforeAll {
        function Split-Verbose([object[]] $Records) {
            $records = $Records
            $script:VerboseLines = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            $records | Where-Object { $_.PSObject.TypeNames -contains 'McpRegistryAuth.Core.Verdict' }
        }
        $script:Cafe = New-KeycloakToken @('cafe')
    }

    It 'decides an FGAC edge shape as the Python server does: a string tools value is a substring test (scopes.yml)' {
        $scopes = Join-Path $TestDrive 'substring-scopes.yml'
        Set-Content -LiteralPath $scopes -Value "group_mappings:`n  cafe: [cafe-users]`ncafe-users:`n- server: currenttime`n  methods: [tools/call]`n  tools: current_time_by_timezone"
        $call = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"time"}}'
        $verdict = Split-Verbose (Test-RegistryToken -Token $Cafe -Uri $McpUri -Body $call -Environment $Keycloak -Jwks $Jwks -ScopesPath $scopes -WarningAction SilentlyContinue -Verbose 4>&1)
        $verdict.Status | Should -Be 200
        $verdict.ScopeAccess.Allowed | Should -BeTrue
        $VerboseLines | Where-Object { $_ -like "``[PASS``] Gateway.Fgac.Rule: observed scope 'cafe-users' rule 0*'time' is in tools 'current_time_by_timezone' (substring of a string)*" } | Should -HaveCount 1
    }

    It 'decides an FGAC edge shape as the Python server does: a string entry in server_access is kept and denies (mcp_scopes)' {
        $scopes = Join-Path $TestDrive 'string-entry.json'
        Set-Content -LiteralPath $scopes -Value '[{"_id": "cafe-users", "group_mappings": ["cafe"], "server_access": ["server: currenttime", {"server": "currenttime", "methods": ["all"]}]}]'
        $verdict = Split-Verbose (Test-RegistryToken -Token $Cafe -Uri $McpUri -Body $ToolsList -Environment $Keycloak -Jwks $Jwks -ScopesPath $scopes -WarningAction SilentlyContinue -Verbose 4>&1)
        $verdict.Status | Should -Be 403
        $verdict.Detail | Should -Be 'Access denied to currenttime.tools/list'
        $VerboseLines | Where-Object { $_ -like '`[FAIL`] Gateway.Fgac.DenyOnError:*rule is a str, not a mapping*' } | Should -HaveCount 1
    }

    It 'reads raw UTF-8 URL bytes as the auth server does (Latin-1): -RawUrlBytes' {
        $scopes = Join-Path $TestDrive 'cafe.json'
        Set-Content -LiteralPath $scopes -Value '[{"_id": "cafe-users", "group_mappings": ["cafe"], "server_access": [{"server": "café", "methods": ["all"]}]}]' -Encoding utf8NoBOM
        $verdict = Split-Verbose (Test-RegistryToken -Token $Cafe -Uri 'https://gw.example.com/café/mcp' -RawUrlBytes -Body $ToolsList -Environment $Keycloak -Jwks $Jwks -ScopesPath $scopes -WarningAction SilentlyContinue -Verbose 4>&1)
        $verdict.Status | Should -Be 403
        $verdict.Detail | Should -Be 'Access denied to cafÃ©.tools/list'
        ($verdict.Warnings -join ' ') | Should -BeLike '*raw UTF-8 bytes*cafÃ©*'
        $VerboseLines | Where-Object { $_ -like "*Gateway.Fgac.ServerFromPath*server 'cafÃ©'*" } | Should -HaveCount 1

        (Test-RegistryToken -Token $Cafe -Uri 'https://gw.example.com/café/mcp' -Body $ToolsList -Environment $Keycloak -Jwks $Jwks -ScopesPath $scopes -WarningAction SilentlyContinue).Detail |
            Should -Be 'Access denied to caf%C3%A9.tools/list'
    }

    It 'gives release 1.24''s provider message for an expired Keycloak token' {
        $expired = New-KeycloakToken @('registry-admins') -ExpiresIn -120
        $verdict = Split-Verbose (Test-RegistryToken -Token $expired -Uri $McpUri -Body $ToolsList -Environment $Keycloak -Jwks $Jwks -GatewayRelease V124 -WarningAction SilentlyContinue -Verbose 4>&1)
        $verdict.Status | Should -Be 401
        $verdict.Detail | Should -Be 'Token validation failed: Token has expired'
        $VerboseLines | Where-Object { $_ -like '`[FAIL`] Gateway.Jwt.Expiry:*' } | Should -HaveCount 1
        (Test-RegistryToken -Token $expired -Uri $McpUri -Body $ToolsList -Environment $Keycloak -Jwks $Jwks -WarningAction SilentlyContinue).Detail | Should -Be 'Token validation failed'
    }

    It 'answers 401, not 500, when the IdP''s JWKS cannot be fetched' {
        $unreachable = $Keycloak.Clone()
        $unreachable.KEYCLOAK_URL = 'https://127.0.0.1:9'
        $unreachable.KEYCLOAK_EXTERNAL_URL = 'https://kc.example.com'
        $verdict = Split-Verbose (Test-RegistryToken -Token $Admin -Uri $McpUri -Body $ToolsList -Environment $unreachable -NoCache -WarningAction SilentlyContinue -Verbose 4>&1)
        $verdict.Status | Should -Be 401
        $verdict.Detail | Should -Be 'Token validation failed'
        $verdict.ClientStatus | Should -Be 401
        $verdict.FailedCheck.Name | Should -Be 'Gateway.Jwt.Jwks'
        $VerboseLines | Where-Object { $_ -like '`[FAIL`] Gateway.Jwt.Jwks:*' } | Should -HaveCount 1
    }

    It 'does not mark the SECRET_KEY refusal as the server''s exact text (8c5b834b could not be read)' {
        $envFile = Join-Path $TestDrive 'short-secret.env'
        Set-Content -LiteralPath $envFile -Value "REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true`nSECRET_KEY=tooshort"
        $verdict = Test-RegistryToken -Token $Lob2 -Uri 'https://gw.example.com/api/servers' -EnvFile $envFile -WarningAction SilentlyContinue
        $verdict.Detail | Should -BeLike 'SECRET_KEY is too short (8 characters); it must be at least 32 characters.*'
        $finding = $verdict.Findings | Where-Object Code -eq 'GW010'
        $finding | Should -Not -BeNullOrEmpty
        $finding.ExactText | Should -BeFalse
    }
}

