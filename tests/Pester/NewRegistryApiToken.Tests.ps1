#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'New-RegistryApiToken' {
    It 'returns a SecureString token of 43 base64url characters by default' {
        $result = New-RegistryApiToken
        $result.Token | Should -BeOfType [securestring]
        $result.Length | Should -Be 43
        $result.Fingerprint | Should -Match '^[0-9a-f]{8}$'
        (ConvertTo-PlainText $result.Token) | Should -Match '^[A-Za-z0-9_-]{43}$'
    }

    It 'never shows the token in its default formatting' {
        $result = New-RegistryApiToken
        $plain = ConvertTo-PlainText $result.Token
        ($result | Out-String) | Should -Not -BeLike "*$plain*"
    }

    It 'returns a plain string with -AsPlainText' {
        New-RegistryApiToken -AsPlainText -ByteCount 24 | Should -Match '^[A-Za-z0-9_-]{32}$'
    }

    It 'refuses fewer than 24 bytes' {
        { New-RegistryApiToken -ByteCount 16 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,McpRegistryAuth.Commands.NewRegistryApiTokenCommand'
    }

    Context 'writing files' {
        BeforeEach {
            $dir = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
            New-Item -ItemType Directory -Path $dir | Out-Null
            $envFile = Join-Path $dir '.env'
        }

        AfterEach {
            Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
        }

        It 'creates a .env file with the flag and the token, without BOM' {
            $result = New-RegistryApiToken -EnvFile $envFile
            $plain = ConvertTo-PlainText $result.Token
            Get-Content -LiteralPath $envFile | Should -Be @('REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true', "REGISTRY_API_TOKEN=$plain")
            ([IO.File]::ReadAllBytes($envFile))[0] | Should -Not -Be 0xEF
            $result.Files | Should -Be @($envFile)
        }

        It 'writes the file with mode 0600 on Unix' -Skip:$IsWindows {
            New-RegistryApiToken -EnvFile $envFile | Out-Null
            [IO.File]::GetUnixFileMode($envFile) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        }

        It 'keeps other lines and refuses to replace an existing token without -Force' {
            Set-Content -LiteralPath $envFile -Value "# keep`nKEYCLOAK_URL=http://kc:8080`nREGISTRY_API_TOKEN=old-value-0123456789-0123456789-abc"
            $before = [IO.File]::ReadAllBytes($envFile)
            { New-RegistryApiToken -EnvFile $envFile -ErrorAction Stop } | Should -Throw -ErrorId 'ValueExists,McpRegistryAuth.Commands.NewRegistryApiTokenCommand'
            [IO.File]::ReadAllBytes($envFile) | Should -Be $before

            $result = New-RegistryApiToken -EnvFile $envFile -Force
            $lines = Get-Content -LiteralPath $envFile
            $lines[0] | Should -Be '# keep'
            $lines[1] | Should -Be 'KEYCLOAK_URL=http://kc:8080'
            $lines | Should -Contain "REGISTRY_API_TOKEN=$(ConvertTo-PlainText $result.Token)"
        }

        It 'writes nothing with -WhatIf' {
            New-RegistryApiToken -EnvFile $envFile -WhatIf
            Test-Path -LiteralPath $envFile | Should -BeFalse
        }

        It 'refuses a .env with a BOM unless -Force, which drops it with a warning' {
            [IO.File]::WriteAllBytes($envFile, [byte[]](0xEF, 0xBB, 0xBF) + [Text.Encoding]::UTF8.GetBytes("A=1`n"))
            { New-RegistryApiToken -EnvFile $envFile -ErrorAction Stop } | Should -Throw -ErrorId 'EnvFileHasBom,McpRegistryAuth.Commands.NewRegistryApiTokenCommand'
            New-RegistryApiToken -EnvFile $envFile -Force -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
            $warnings | Should -Not -BeNullOrEmpty
            ([IO.File]::ReadAllBytes($envFile))[0] | Should -Be ([byte][char]'A')
        }

        It 'writes nothing when one of two targets is refused' {
            $tokenFile = Join-Path $dir 'token'
            Set-Content -LiteralPath $tokenFile -Value 'existing'
            { New-RegistryApiToken -EnvFile $envFile -TokenFile $tokenFile -ErrorAction Stop } | Should -Throw -ErrorId 'TokenFileExists,McpRegistryAuth.Commands.NewRegistryApiTokenCommand'
            Test-Path -LiteralPath $envFile | Should -BeFalse
        }

        It 'never writes the token to the Verbose stream' {
            $result = New-RegistryApiToken -TokenFile (Join-Path $dir 't') -Verbose 4>&1
            $token = $result | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $verbose = ($result | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n"
            $verbose | Should -Not -BeLike "*$(ConvertTo-PlainText $token.Token)*"
            $verbose | Should -BeLike "*$($token.Fingerprint)*"
        }
    }
}
