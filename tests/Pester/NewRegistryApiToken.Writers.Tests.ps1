#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The writers added by issue 3: -TfVarsFile, -ApiKeyName/-Group into -EnvFile, -TokensFile (was -ToolRegistryTokensFile).
# Each: new file, existing file, existing value without -Force, -WhatIf, read-only target. (A minted
# token is random, so the tokens file's 'token already there' rule is covered by the core's xunit tests.)

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force

    function Set-ReadOnly([string] $Path) {
        if ($IsWindows) { (Get-Item -LiteralPath $Path).IsReadOnly = $true }
        else { [IO.File]::SetUnixFileMode($Path, [IO.UnixFileMode]::UserRead) }
    }

    $script:CmdletId = 'McpRegistryAuth.Commands.NewRegistryApiTokenCommand'
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'New-RegistryApiToken file writers' {
    BeforeEach {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $dir | Out-Null
    }

    AfterEach {
        Get-ChildItem -LiteralPath $dir -Force -ErrorAction SilentlyContinue | ForEach-Object {
            if ($IsWindows) { $_.IsReadOnly = $false } else { [IO.File]::SetUnixFileMode($_.FullName, [IO.UnixFileMode]'UserRead, UserWrite') }
        }
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
    }

    Context '-TfVarsFile' {
        BeforeEach { $tfvars = Join-Path $dir 'terraform.tfvars' }

        It 'creates the file with the flag and the quoted token' {
            $result = New-RegistryApiToken -TfVarsFile $tfvars
            $plain = ConvertTo-PlainText $result.Token
            Get-Content -LiteralPath $tfvars | Should -Be @('registry_static_token_auth_enabled = true', "registry_api_token = `"$plain`"")
            $result.Files | Should -Be @($tfvars)
        }

        It 'keeps every other byte of an existing file' {
            $before = "region = `"eu-west-1`" # keep`ntags = {`n  team = `"mcp`"`n}`n"
            [IO.File]::WriteAllText($tfvars, $before)
            $result = New-RegistryApiToken -TfVarsFile $tfvars
            $after = [IO.File]::ReadAllText($tfvars)
            $after.StartsWith($before) | Should -BeTrue
            $after | Should -BeLike "*registry_api_token = `"$(ConvertTo-PlainText $result.Token)`"*"
        }

        It 'replaces an empty token and says it was empty, not the empty string''s fingerprint' {
            [IO.File]::WriteAllText($tfvars, "registry_api_token = `"`"`n")
            $records = New-RegistryApiToken -TfVarsFile $tfvars -Verbose 4>&1
            $result = $records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $verbose = ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
            $verbose | Should -BeLike "*replace registry_api_token on line 1 (empty -> $($result.Fingerprint))*"
            $verbose | Should -Not -BeLike '*e3b0c442*'
        }

        It 'refuses to replace an existing token without -Force' {
            [IO.File]::WriteAllText($tfvars, "registry_api_token = `"old-value-0123456789-0123456789-abc`"`n")
            $before = [IO.File]::ReadAllBytes($tfvars)
            { New-RegistryApiToken -TfVarsFile $tfvars -ErrorAction Stop } | Should -Throw -ErrorId "ValueExists,$CmdletId"
            [IO.File]::ReadAllBytes($tfvars) | Should -Be $before
            New-RegistryApiToken -TfVarsFile $tfvars -Force | Out-Null
            [IO.File]::ReadAllText($tfvars) | Should -Not -BeLike '*old-value*'
        }

        It 'writes nothing with -WhatIf' {
            New-RegistryApiToken -TfVarsFile $tfvars -WhatIf | Should -BeNullOrEmpty
            Test-Path -LiteralPath $tfvars | Should -BeFalse
        }

        It 'refuses a read-only file without -Force' {
            [IO.File]::WriteAllText($tfvars, "a = 1`n")
            Set-ReadOnly $tfvars
            { New-RegistryApiToken -TfVarsFile $tfvars -ErrorAction Stop } | Should -Throw -ErrorId "FileReadOnly,$CmdletId"
            [IO.File]::ReadAllText($tfvars) | Should -Be "a = 1`n"
        }
    }

    Context '-ApiKeyName and -Group' {
        BeforeEach { $envFile = Join-Path $dir '.env' }

        It 'creates REGISTRY_API_KEYS as single-quoted compact JSON' {
            $result = New-RegistryApiToken -EnvFile $envFile -ApiKeyName ci-bot -Group registry-users-lob1
            $plain = ConvertTo-PlainText $result.Token
            Get-Content -LiteralPath $envFile | Should -Be @(
                'REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true',
                "REGISTRY_API_KEYS='{`"ci-bot`":{`"key`":`"$plain`",`"groups`":[`"registry-users-lob1`"]}}'")
        }

        It 'merges with the existing entries and keeps other lines' {
            $other = 'Aa1-Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0KkLlMmNnOoPp'
            [IO.File]::WriteAllText($envFile, "# gw`nREGISTRY_API_KEYS='{`"ops`":{`"key`":`"$other`",`"groups`":[`"admins`"]}}'`n")
            New-RegistryApiToken -EnvFile $envFile -ApiKeyName ci-bot -Group g1, g2 | Out-Null
            $lines = Get-Content -LiteralPath $envFile
            $lines[0] | Should -Be '# gw'
            $json = ($lines | Where-Object { $_ -like 'REGISTRY_API_KEYS=*' }) -replace "^REGISTRY_API_KEYS='(.*)'$", '$1'
            $keys = $json | ConvertFrom-Json -AsHashtable
            $keys.Keys | Should -Be @('ops', 'ci-bot')
            $keys['ci-bot'].groups | Should -Be @('g1', 'g2')
        }

        It 'refuses to replace an entry of the same name without -Force' {
            $other = 'Aa1-Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0KkLlMmNnOoPp'
            [IO.File]::WriteAllText($envFile, "REGISTRY_API_KEYS='{`"ci-bot`":{`"key`":`"$other`",`"groups`":[`"old`"]}}'`n")
            { New-RegistryApiToken -EnvFile $envFile -ApiKeyName ci-bot -Group new -ErrorAction Stop } | Should -Throw -ErrorId "ValueExists,$CmdletId"
            [IO.File]::ReadAllText($envFile) | Should -BeLike "*$other*"
            New-RegistryApiToken -EnvFile $envFile -ApiKeyName ci-bot -Group new -Force | Out-Null
            [IO.File]::ReadAllText($envFile) | Should -Not -BeLike "*$other*"
        }

        It 'warns with -ScopesPath when -Group maps to no scope: every request with the key will be 403' {
            $scopes = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes/default-scopes.yml')).Path
            # A SECRET_KEY release 1.30 starts with, so the only warning is the one about scopes.
            $secretKeyLine = "SECRET_KEY=$('s' * 8)$(New-RegistryApiToken -AsPlainText)`n"
            [IO.File]::WriteAllText($envFile, $secretKeyLine)
            [IO.File]::WriteAllText((Join-Path $dir 'b.env'), $secretKeyLine)
            $result = New-RegistryApiToken -EnvFile $envFile -ApiKeyName monitoring -Group mcp-readonly -ScopesPath $scopes -WarningVariable warnings -WarningAction SilentlyContinue
            $result.Files | Should -Be @($envFile)
            @($warnings).Count | Should -Be 1
            $warnings[0].Message | Should -Be "The gateway logs: Static key 'monitoring' has no scope mappings for groups ['mcp-readonly']. Requests using this key will get 403 on all protected endpoints."
            $records = New-RegistryApiToken -EnvFile (Join-Path $dir 'b.env') -ApiKeyName ci-bot -Group registry-users-lob1 -ScopesPath $scopes -Verbose -WarningVariable none 4>&1
            $none | Should -BeNullOrEmpty
            ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "[PASS] Gateway.Scopes: observed groups [registry-users-lob1] map to [registry-users-lob1] in $scopes; expected at least one scope mapped from the key's groups at startup"
        }

        It 'refuses a name the gateway refuses' {
            { New-RegistryApiToken -EnvFile $envFile -ApiKeyName legacy -Group g -ErrorAction Stop } | Should -Throw -ErrorId "ApiKeyEntryInvalid,$CmdletId"
            Test-Path -LiteralPath $envFile | Should -BeFalse
        }

        It 'writes nothing with -WhatIf' {
            New-RegistryApiToken -EnvFile $envFile -ApiKeyName ci-bot -Group g -WhatIf | Should -BeNullOrEmpty
            Test-Path -LiteralPath $envFile | Should -BeFalse
        }

        It 'refuses a read-only file without -Force' {
            [IO.File]::WriteAllText($envFile, "A=1`n")
            Set-ReadOnly $envFile
            { New-RegistryApiToken -EnvFile $envFile -ApiKeyName ci-bot -Group g -ErrorAction Stop } | Should -Throw -ErrorId "FileReadOnly,$CmdletId"
            [IO.File]::ReadAllText($envFile) | Should -Be "A=1`n"
        }

        It 'puts -ApiKeyName, -Group and -TfVarsFile in separate parameter sets' {
            $sets = (Get-Command New-RegistryApiToken).ParameterSets
            ($sets | Where-Object Name -eq 'ApiKey').Parameters.Name | Should -Contain 'Group'
            ($sets | Where-Object Name -eq 'ApiKey').Parameters.Name | Should -Not -Contain 'TfVarsFile'
            ($sets | Where-Object IsDefault).Name | Should -Be 'StaticToken'
        }
    }

    Context '-TokensFile (alias -ToolRegistryTokensFile)' {
        BeforeEach { $tokens = Join-Path $dir 'tokens.txt' }

        It 'creates the file with one token line and no BOM' {
            $result = New-RegistryApiToken -TokensFile $tokens -WarningAction SilentlyContinue
            Get-Content -LiteralPath $tokens | Should -Be @(ConvertTo-PlainText $result.Token)
            ([IO.File]::ReadAllBytes($tokens))[0] | Should -Not -Be 0xEF
        }

        It 'appends to an existing file and keeps its bytes' {
            [IO.File]::WriteAllText($tokens, "# team`ntok-one")
            $result = New-RegistryApiToken -TokensFile $tokens -WarningAction SilentlyContinue
            [IO.File]::ReadAllText($tokens) | Should -Be "# team`ntok-one`n$(ConvertTo-PlainText $result.Token)`n"
        }

        It 'refuses a file with a BOM unless -Force, which drops it' {
            [IO.File]::WriteAllBytes($tokens, [byte[]](0xEF, 0xBB, 0xBF) + [Text.Encoding]::UTF8.GetBytes("tok-one`n"))
            { New-RegistryApiToken -TokensFile $tokens -ErrorAction Stop } | Should -Throw -ErrorId "TokensFileHasBom,$CmdletId"
            New-RegistryApiToken -TokensFile $tokens -Force -WarningAction SilentlyContinue | Out-Null
            ([IO.File]::ReadAllBytes($tokens))[0] | Should -Be ([byte][char]'t')
        }

        It 'still takes the old name -ToolRegistryTokensFile' {
            $result = New-RegistryApiToken -ToolRegistryTokensFile $tokens -WarningAction SilentlyContinue
            Get-Content -LiteralPath $tokens | Should -Be @(ConvertTo-PlainText $result.Token)
        }

        It 'writes nothing with -WhatIf' {
            New-RegistryApiToken -TokensFile $tokens -WhatIf -WarningAction SilentlyContinue | Should -BeNullOrEmpty
            Test-Path -LiteralPath $tokens | Should -BeFalse
        }

        It 'refuses a read-only file without -Force' {
            [IO.File]::WriteAllText($tokens, "tok-one`n")
            Set-ReadOnly $tokens
            { New-RegistryApiToken -TokensFile $tokens -ErrorAction Stop } | Should -Throw -ErrorId "FileReadOnly,$CmdletId"
            [IO.File]::ReadAllText($tokens) | Should -Be "tok-one`n"
        }
    }
}
