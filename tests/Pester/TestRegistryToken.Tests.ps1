#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Plain = New-RegistryApiToken -AsPlainText
    $script:Secure = ConvertTo-SecureString -String $script:Plain -AsPlainText -Force
    $script:Settings = @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_TOKEN = $script:Plain }
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Test-RegistryToken (gateway static tokens)' {
    It 'accepts the configured token on a registry API path' {
        $verdict = Test-RegistryToken -Token $Secure -Uri 'https://gw.example/api/servers' -Environment $Settings
        $verdict.Status | Should -Be 200
        $verdict.AcceptedBy | Should -Be 'StaticToken:legacy'
        $verdict.Identity | Should -Be 'network-user'
    }

    It 'answers $true or $false with -Quiet' {
        Test-RegistryToken -Token $Secure -Uri 'https://gw.example/api/servers' -Environment $Settings -Quiet | Should -BeTrue
        Test-RegistryToken -Token $Secure -Uri 'https://gw.example/currenttime/mcp' -Environment $Settings -Quiet | Should -BeFalse
    }

    It 'explains a wrong token as a fall-through to JWT with a provisional 401' {
        $wrong = ConvertTo-SecureString -String 'wrong-token-0123456789-0123456789-xyz' -AsPlainText -Force
        $verdict = Test-RegistryToken -Token $wrong -Uri 'https://gw.example/api/servers' -Environment $Settings
        $verdict.Status | Should -Be 401
        $verdict.Detail | Should -Be 'Token validation failed'
        $verdict.FallsThroughTo | Should -Be 'Jwt'
        $verdict.IsProvisional | Should -BeTrue
        $verdict.FailedCheck.Name | Should -Be 'Gateway.StaticToken.Match'
    }

    It 'writes one Verbose line per check and never the token' {
        $records = Test-RegistryToken -Token $Secure -Uri 'https://gw.example/api/servers' -Environment $Settings -Verbose 4>&1
        $verbose = $records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose | Where-Object { $_.Message -like '`[PASS`] Gateway.StaticToken.Match*' }) | Should -HaveCount 1
        ($verbose.Message -join "`n") | Should -Not -BeLike "*$Plain*"
    }

    It 'takes tokens from the pipeline by value and by property name' {
        $Secure | Test-RegistryToken -Uri 'https://gw.example/api/servers' -Environment $Settings -Quiet | Should -BeTrue
        $rows = @(
            [pscustomobject]@{ AccessToken = $Plain; Uri = 'https://gw.example/api/servers' }
            [pscustomobject]@{ access_token = 'nope-0123456789-0123456789-0123456789'; Uri = 'https://gw.example/v0.1/servers' }
        )
        $verdicts = $rows | Test-RegistryToken -Environment $Settings
        $verdicts.Status | Should -Be @(200, 401)
        New-RegistryApiToken | Test-RegistryToken -Uri 'https://gw.example/api/servers' -Environment $Settings -Quiet | Should -BeFalse
    }

    It 'lets -Header override the Authorization header built from -Token' {
        $verdict = Test-RegistryToken -Token $Secure -Header @{ Authorization = "bearer $Plain" } -Uri 'https://gw.example/api/servers' -Environment $Settings
        $verdict.Status | Should -Be 401
        $verdict.FailedCheck.Name | Should -Be 'Gateway.StaticToken.BearerScheme'
    }

    It 'reads settings from a .env file' {
        $envFile = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).env"
        try {
            # Release 1.30 does not start without a SECRET_KEY of at least 32 characters.
            Set-Content -LiteralPath $envFile -Value "REGISTRY_STATIC_TOKEN_AUTH_ENABLED=True`nREGISTRY_API_TOKEN='$Plain'`nSECRET_KEY=$(New-RegistryApiToken -AsPlainText)"
            Test-RegistryToken -Token $Secure -Uri 'https://gw.example/api/servers' -EnvFile $envFile -Quiet | Should -BeTrue
        }
        finally {
            Remove-Item -LiteralPath $envFile -ErrorAction SilentlyContinue
        }
    }

    It 'reads -TokenFile as the gateway CLI does' {
        $tokenFile = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
        try {
            Set-Content -LiteralPath $tokenFile -Value "{`"access_token`": `"$Plain`"}"
            Test-RegistryToken -TokenFile $tokenFile -Uri 'https://gw.example/api/servers' -Environment $Settings -Quiet | Should -BeTrue
        }
        finally {
            Remove-Item -LiteralPath $tokenFile -ErrorAction SilentlyContinue
        }
    }

    It 'reports a missing token file as an error with a stable id' {
        { Test-RegistryToken -TokenFile '/no/such/file' -Uri 'https://gw.example/api/servers' -Environment $Settings -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileNotFound,McpRegistryAuth.Commands.TestRegistryTokenCommand'
    }

    It 'refuses a token with a control character inside without echoing it' {
        $bad = ConvertTo-SecureString -String "abc`ndef-0123456789" -AsPlainText -Force
        $err = $null
        Test-RegistryToken -Token $bad -Uri 'https://gw.example/api/servers' -Environment $Settings -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidToken,McpRegistryAuth.Commands.TestRegistryTokenCommand'
        $err[0].ToString() | Should -Not -BeLike '*abc*'
    }

    It 'warns that a placeholder REGISTRY_API_TOKEN stops the auth server' {
        $verdict = Test-RegistryToken -Token $Secure -Uri 'https://gw.example/api/servers' -Environment @{ REGISTRY_API_TOKEN = 'changeme' } -WarningVariable warnings -WarningAction SilentlyContinue
        $verdict.Status | Should -BeNullOrEmpty
        $verdict.ClientStatus | Should -Be 500
        ($warnings -join "`n") | Should -BeLike '*GW001*'
    }

    It 'inspects the token when no server settings are given' {
        $inspection = Test-RegistryToken -Token $Secure
        $inspection.GetType().FullName | Should -Be 'McpRegistryAuth.Core.Tokens.TokenInspection'
        $inspection.Kind | Should -Be 'Opaque'
        $inspection.Fingerprint | Should -Match '^[0-9a-f]{8}$'
    }

    It 'requires server settings with -Quiet' {
        { Test-RegistryToken -Token $Secure -Quiet -ErrorAction Stop } |
            Should -Throw -ErrorId 'NoServerSettings,McpRegistryAuth.Commands.TestRegistryTokenCommand'
    }
}
