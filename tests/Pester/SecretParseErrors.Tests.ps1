#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 13 item 8: a parse error in a field that may hold a secret names the field, file and line but
# never echoes the value. Each case writes a malformed value holding a unique marker into a file the
# module reads and runs the cmdlet with -Verbose -Debug; the marker may appear in no stream, no
# finding (Message, Fix, ExactText), no exception message and no part of any ErrorRecord.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force

    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
    New-Item -ItemType Directory -Path $script:Dir | Out-Null

    # Everything a run left behind, as text: records of every stream, findings in full, error records in full.
    function Get-AllText([object[]] $Records, [object[]] $Thrown) {
        $errors = @($Records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) + @($Thrown | Where-Object { $_ })
        $parts = @($Records | Out-String -Width 500)
        $parts += $Records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] -and $_ -isnot [System.Management.Automation.ErrorRecord] } |
            ForEach-Object { $_ | Format-List * -Force | Out-String -Width 500; ConvertTo-Json -InputObject $_ -Depth 4 -WarningAction SilentlyContinue }
        foreach ($e in $errors) {
            $parts += $e | Format-List * -Force | Out-String -Width 500
            $parts += $e.CategoryInfo | Format-List * -Force | Out-String -Width 500
            $parts += "$($e.TargetObject)"
            $parts += $e.Exception.ToString()
            $parts += ConvertTo-Json -InputObject $e -Depth 3 -WarningAction SilentlyContinue
        }
        $parts -join "`n"
    }

    # Runs a script block with every stream captured; a terminating error is kept, not thrown.
    function Invoke-Captured([scriptblock] $Script) {
        $thrown = $null
        $records = try { & $Script *>&1 } catch { $thrown = $_ }
        [pscustomobject]@{ Records = @($records); Thrown = $thrown; Text = Get-AllText @($records) $thrown }
    }
}

AfterAll {
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'A malformed secret in a .env file is never echoed' {
    It '<Case>' -ForEach @(
        @{ Case = 'REGISTRY_API_TOKEN with an unclosed quote'; Lines = @('REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true', 'REGISTRY_API_TOKEN="Mk7Qz-MARKER-apitoken-0123456789abcdef') }
        @{ Case = 'REGISTRY_API_TOKEN with an unclosed single quote'; Lines = @('REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true', "REGISTRY_API_TOKEN='Mk7Qz-MARKER-apitoken-0123456789abcdef") }
        @{ Case = 'REGISTRY_API_KEYS cut off'; Lines = @('REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true', 'REGISTRY_API_KEYS={"bot":{"key":"Mk7Qz-MARKER-apikey-0123456789abcdef","groups":["g"]') }
        @{ Case = 'REGISTRY_API_KEYS key without quotes'; Lines = @('REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true', 'REGISTRY_API_KEYS=''{"bot":{"key":tMk7Qz-MARKER-apikey-0123456789abcdef,"groups":["g"]}}''') }
        @{ Case = 'REGISTRY_API_KEYS key that is too short'; Lines = @('REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true', 'REGISTRY_API_KEYS=''{"bot":{"key":"MARKERx","groups":["g"]}}''') }
        @{ Case = 'REGISTRY_API_KEYS key of the wrong type'; Lines = @('REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true', 'REGISTRY_API_KEYS=''{"bot":{"key":["Mk7Qz-MARKER-apikey-0123456789abcdef"],"groups":["g"]}}''') }
        @{ Case = 'a key pasted as a REGISTRY_API_KEYS name'; Lines = @('REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true', 'REGISTRY_API_KEYS=''{"Mk7Qz-MARKER-apikey-0123456789abcdef":{"key":"Mk7Qz-other-apikey-0123456789abcdef","groups":["g"]}}''') }
        @{ Case = 'SECRET_KEY with an unclosed quote'; Lines = @('SECRET_KEY="Mk7Qz-MARKER-secretkey-0123456789abcdef', 'REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true') }
        @{ Case = 'SECRET_KEY that is too short'; Lines = @('SECRET_KEY=MARKERs', 'REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true', 'REGISTRY_API_TOKEN=Mk7Qz-other-apitoken-0123456789abcdef') }
        @{ Case = 'a line that is not an assignment'; Lines = @('REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true', 'Mk7Qz-MARKER-pasted-0123456789abcdef') }
        @{ Case = 'a client secret with an unclosed quote'; Lines = @('KEYCLOAK_CLIENT_SECRET="Mk7Qz-MARKER-clientsecret-0123456789', 'REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true') }
    ) {
        $envFile = Join-Path $Dir "$([guid]::NewGuid()).env"
        Set-Content -LiteralPath $envFile -Value $Lines
        $test = Invoke-Captured { Test-RegistryToken -Token 'Mk7Qz-caller-0123456789abcdef0123456789' -Uri 'https://gw.example/api/servers' -EnvFile $envFile -Verbose -Debug -WarningAction Continue }
        $test.Text | Should -Not -BeLike '*MARKER*'
        $test.Text | Should -BeLike "*$([IO.Path]::GetFileName($envFile))*" -Because 'the problem names the file'
        $write = Invoke-Captured { New-RegistryApiToken -EnvFile $envFile -ApiKeyName bot2 -Group g -Verbose -Debug -WarningAction Continue -Confirm:$false }
        $write.Text | Should -Not -BeLike '*MARKER*'
    }
}

Describe 'A malformed secret in a tfvars file is never echoed' {
    It '<Case>' -ForEach @(
        @{ Case = 'an unclosed string'; Lines = @('registry_api_token = "Mk7Qz-MARKER-tfvars-0123456789abcdef') }
        @{ Case = 'a value without quotes'; Lines = @('registry_api_token = Mk7Qz-MARKER-tfvars-0123456789abcdef') }
        @{ Case = 'a heredoc never closed'; Lines = @('registry_api_token = <<EOT', 'Mk7Qz-MARKER-tfvars-0123456789abcdef') }
    ) {
        $file = Join-Path $Dir "$([guid]::NewGuid()).tfvars"
        Set-Content -LiteralPath $file -Value $Lines
        $write = Invoke-Captured { New-RegistryApiToken -TfVarsFile $file -Verbose -Debug -WarningAction Continue -Confirm:$false }
        $write.Text | Should -Not -BeLike '*MARKER*'
        $write = Invoke-Captured { New-RegistryApiToken -TfVarsFile $file -Force -Verbose -Debug -WarningAction Continue -Confirm:$false }
        $write.Text | Should -Not -BeLike '*MARKER*'
    }
}

Describe 'A malformed inline secret in a ToolHive auth config is never echoed' {
    It '<Case>' -ForEach @(
        @{ Case = 'clientSecret with an unclosed quote'; Setting = 'clientSecret: "Mk7Qz-MARKER-thsecret-0123456789' }
        @{ Case = 'clientSecret with an unknown escape'; Setting = 'clientSecret: "Mk7Qz-MARKER\q-thsecret-0123456789"' }
        @{ Case = 'clientSecret that reads as an alias'; Setting = 'clientSecret: *Mk7QzMARKERthsecret0123456789' }
        @{ Case = 'clientSecret that reads as a tag'; Setting = 'clientSecret: !Mk7QzMARKERthsecret0123456789 x' }
        @{ Case = 'clientSecret as a list'; Setting = 'clientSecret: [Mk7Qz-MARKER-thsecret-0123456789]' }
        @{ Case = 'clientSecret as a map'; Setting = 'clientSecret: {Mk7Qz-MARKER-thsecret-0123456789: x}' }
        @{ Case = 'clientSecret with an unclosed bracket'; Setting = 'clientSecret: [Mk7Qz-MARKER-thsecret-0123456789' }
        @{ Case = 'authToken with an unclosed quote'; Setting = "authToken: 'Mk7Qz-MARKER-thtoken-0123456789" }
        @{ Case = 'authToken as a map'; Setting = 'authToken: {Mk7Qz-MARKER-thtoken-0123456789: x}' }
        @{ Case = 'authToken after a tab'; Setting = "authToken:`tMk7Qz-MARKER-thtoken-0123456789" }
    ) {
        $config = Join-Path $Dir "$([guid]::NewGuid()).yaml"
        Set-Content -LiteralPath $config -Value @('auth:', '  mode: oauth', '  oauth:', '    resourceUrl: https://registry.example.com', '    providers:',
            '      - name: kc', '        issuerUrl: https://kc.example.com/realms/mcp', '        audience: registry-api', '        clientId: registry', "        $Setting")
        $run = Invoke-Captured { Test-RegistryAuthConfig -Path $config -Verbose -Debug -WarningAction Continue }
        $run.Text | Should -Not -BeLike '*MARKER*'
        $run.Text | Should -BeLike "*$([IO.Path]::GetFileName($config))*" -Because 'the problem names the file'
    }
}

Describe 'A malformed token file is never echoed' {
    It 'toolregistry tokens file: <Case>' -ForEach @(
        @{ Case = 'invalid UTF-8 inside a token'; Bytes = [Text.Encoding]::ASCII.GetBytes("Mk7Qz-MARKER-tr-0123") + [byte[]](0xC3, 0x28) + [Text.Encoding]::ASCII.GetBytes("-0123456789`n") }
        @{ Case = 'an inline comment'; Bytes = [Text.Encoding]::ASCII.GetBytes("Mk7Qz-MARKER-tr-0123456789 # ci token`n") }
        @{ Case = 'a BOM before the first token'; Bytes = [byte[]](0xEF, 0xBB, 0xBF) + [Text.Encoding]::ASCII.GetBytes("Mk7Qz-MARKER-tr-0123456789`n") }
    ) {
        $file = Join-Path $Dir "$([guid]::NewGuid()).txt"
        [IO.File]::WriteAllBytes($file, $Bytes)
        $run = Invoke-Captured { Test-RegistryToken -RegistryType ToolRegistry -TokensFile $file -Token 'Mk7Qz-caller-0123456789' -Verbose -Debug -WarningAction Continue }
        $run.Text | Should -Not -BeLike '*MARKER*'
        $write = Invoke-Captured { New-RegistryApiToken -TokensFile $file -Verbose -Debug -WarningAction Continue -Confirm:$false }
        $write.Text | Should -Not -BeLike '*MARKER*'
    }

    It 'gateway CLI token file: <Case>' -ForEach @(
        @{ Case = 'JSON with an unquoted token'; Text = '{"access_token": tMk7Qz-MARKER-cli-0123456789}' }
        @{ Case = 'JSON with a token of the wrong type'; Text = '{"access_token": ["Mk7Qz-MARKER-cli-0123456789"]}' }
        @{ Case = 'a JSON string'; Text = '"Mk7Qz-MARKER-cli-0123456789"' }
        @{ Case = 'a BOM'; Text = "$([char]0xFEFF)Mk7Qz-MARKER-cli-0123456789" }
        @{ Case = 'a NUL inside'; Text = "Mk7Qz-MARKER-cli-0123`0456789" }
    ) {
        $file = Join-Path $Dir "$([guid]::NewGuid()).tok"
        [IO.File]::WriteAllText($file, $Text)
        $run = Invoke-Captured { Test-RegistryToken -TokenFile $file -Uri 'https://gw.example/api/servers' -Environment @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_TOKEN = 'Mk7Qz-other-0123456789abcdef0123456789' } -Verbose -Debug -WarningAction Continue }
        $run.Text | Should -Not -BeLike '*MARKER*'
    }

    It 'client secret file: <Case>' -ForEach @(
        @{ Case = 'a BOM and a NUL'; Text = "$([char]0xFEFF)Mk7Qz-MARKER-cs-0123`0456789" }
        @{ Case = 'two lines'; Text = "Mk7Qz-MARKER-cs-0123456789`nsecond line" }
    ) {
        $file = Join-Path $Dir "$([guid]::NewGuid()).txt"
        [IO.File]::WriteAllText($file, $Text)
        $run = Invoke-Captured { Get-McpAccessToken -TokenEndpoint 'https://127.0.0.1:9/token' -ClientId c -ClientSecretFile $file -NoCache -TimeoutSec 2 -Verbose -Debug -WarningAction Continue }
        $run.Text | Should -Not -BeLike '*MARKER*'
    }

    It 'private key file that is not a valid PEM key' {
        $file = Join-Path $Dir "$([guid]::NewGuid()).pem"
        Set-Content -LiteralPath $file -Value '-----BEGIN PRIVATE KEY-----', 'Mk7QzMARKERpemkey0123456789', '-----END PRIVATE KEY-----'
        $run = Invoke-Captured { Get-McpAccessToken -TokenEndpoint 'https://127.0.0.1:9/token' -ClientId c -PrivateKeyPath $file -NoCache -TimeoutSec 2 -Verbose -Debug -WarningAction Continue }
        $run.Text | Should -Not -BeLike '*MARKER*'
    }
}

Describe 'A malformed profiles file or token cache is never echoed' {
    BeforeAll {
        $script:SavedConfig = $env:XDG_CONFIG_HOME
        $script:SavedData = $env:XDG_DATA_HOME
    }
    AfterAll {
        $env:XDG_CONFIG_HOME = $script:SavedConfig
        $env:XDG_DATA_HOME = $script:SavedData
    }

    It 'a profiles file with an unquoted value names the file and position, not the value' {
        $home2 = Join-Path $Dir ([guid]::NewGuid())
        $text = '{"profiles":[{"name":"p","clientId":tMk7Qz-MARKER-profile-0123456789}]}'
        $run = Invoke-ChildPwsh "Import-Module '$(Get-BuiltModulePath)'; `$null = New-Item -ItemType Directory -Force (Join-Path `$env:XDG_CONFIG_HOME McpRegistryAuth); Get-ChildItem -Recurse `$env:XDG_CONFIG_HOME | Out-Null
            `$folders = @(`$env:XDG_CONFIG_HOME, `$env:XDG_DATA_HOME) | ForEach-Object { Join-Path `$_ McpRegistryAuth }
            foreach (`$f in `$folders) { `$null = New-Item -ItemType Directory -Force `$f; [IO.File]::WriteAllText((Join-Path `$f profiles.json), '$text') }
            try { Get-McpAccessToken -Profile p -NoCache -ErrorAction Stop } catch { `$_ | Format-List * -Force | Out-String -Width 500; `$_.Exception.ToString(); `$_.FullyQualifiedErrorId }" -Environment @{ XDG_CONFIG_HOME = "$home2/config"; XDG_DATA_HOME = "$home2/data" }
        ($run -join "`n") | Should -Not -BeLike '*MARKER*'
        ($run -join "`n") | Should -BeLike '*ProfilesFileInvalid*'
        ($run -join "`n") | Should -BeLike '*profiles.json*line 1, byte 38*' -Because 'the error names the file and the position'
    }

    It 'a token cache with a malformed token is read as empty without a word of its text' {
        $home2 = Join-Path $Dir ([guid]::NewGuid())
        $text = '{"version":1,"partitions":{"p":{"access_token":tMk7Qz-MARKER-cache-0123456789}}}'
        $run = Invoke-ChildPwsh "Import-Module '$(Get-BuiltModulePath)'
            `$f = Join-Path `$env:XDG_DATA_HOME McpRegistryAuth; `$null = New-Item -ItemType Directory -Force `$f; [IO.File]::WriteAllText((Join-Path `$f token-cache.json), '$text')
            Clear-McpTokenCache -All -PassThru -Verbose -Debug -WarningAction Continue -Confirm:`$false *>&1 | Out-String -Width 500
            `$Error | ForEach-Object { `$_ | Format-List * -Force | Out-String -Width 500; `$_.Exception.ToString() }" -Environment @{ XDG_CONFIG_HOME = "$home2/config"; XDG_DATA_HOME = "$home2/data" }
        ($run -join "`n") | Should -Not -BeLike '*MARKER*'
    }
}
