#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 13: odd bytes in tokens, links, device files and FIFOs, partial multi-file writes, stale temp
# files. Each test is run against the built module with -Verbose and -Debug where it writes records.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Plain = New-RegistryApiToken -AsPlainText
    $script:Settings = @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_TOKEN = $script:Plain }
    $script:NewId = 'McpRegistryAuth.Commands.NewRegistryApiTokenCommand'
    $script:TestId = 'McpRegistryAuth.Commands.TestRegistryTokenCommand'

    function New-TempFolder {
        $path = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $path | Out-Null
        $path
    }

    # A ToolHive auth section with one OAuth provider; each setting is one "key: value" line of it.
    function Write-ToolHiveConfig([string] $Path, [string] $Provider, [string[]] $Setting, [string] $ResourceUrl = 'https://registry.example.com') {
        $lines = @('auth:', '  mode: oauth', '  oauth:', "    resourceUrl: $ResourceUrl", '    providers:', "      - name: $Provider") + ($Setting | ForEach-Object { "        $_" })
        Set-Content -LiteralPath $Path -Value $lines
    }
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Tokens keep every character' {
    It 'a NUL after the right token is not cut off, so the token is not accepted (-Token)' {
        $withNul = ConvertTo-SecureString -String "$Plain`0JUNK" -AsPlainText -Force
        $errors = $null
        $verdict = Test-RegistryToken -Token $withNul -Uri 'https://gw.example/api/servers' -Environment $Settings -ErrorVariable errors -ErrorAction SilentlyContinue -Verbose -Debug 4>$null 5>$null
        $verdict | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidToken,$TestId"
        $errors[0].Exception.Message | Should -BeLike '*U+0000*position 44*'
        "$($errors[0].TargetObject)" | Should -Not -BeLike "*$Plain*"
    }

    It 'a NUL in -Header is judged the same way as in -Token' {
        $errors = $null
        Test-RegistryToken -Header @{ Authorization = "Bearer $Plain`0JUNK" } -Uri 'https://gw.example/api/servers' -Environment $Settings -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidToken,$TestId"
    }

    It 'a NUL after the right token is not accepted by toolregistry-server either' {
        $tokens = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).txt"
        try {
            Set-Content -LiteralPath $tokens -Value $Plain
            $withNul = ConvertTo-SecureString -String "$Plain`0JUNK" -AsPlainText -Force
            $errors = $null
            Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens -Token $withNul -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -Be "InvalidToken,$TestId"
        }
        finally { Remove-Item -LiteralPath $tokens -ErrorAction SilentlyContinue }
    }
}

Describe 'Files that are not regular files' -Skip:$IsWindows {
    BeforeAll {
        $dir = New-TempFolder
        $fifo = Join-Path $dir 'pipe.env'
        & mkfifo $fifo
    }

    AfterAll { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }

    It '-EnvFile on /dev/zero is refused at once, naming the file' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        { Test-RegistryToken -Token (New-RegistryApiToken).Token -Uri 'https://gw.example/api/servers' -EnvFile /dev/zero -ErrorAction Stop } |
            Should -Throw -ErrorId "FileNotRegular,$TestId" -ExpectedMessage "*'/dev/zero' is a character device*"
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
    }

    It '-TokenFile on a FIFO is refused without waiting for a writer' {
        $errors = $null
        Test-RegistryToken -TokenFile $fifo -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be "FileNotRegular,$TestId"
        $errors[0].TargetObject | Should -Be $fifo
    }

    It 'New-RegistryApiToken never replaces a FIFO, even with -Force' {
        { New-RegistryApiToken -EnvFile $fifo -Force -ErrorAction Stop -Verbose -Debug 4>$null 5>$null } | Should -Throw -ErrorId "FileNotRegular,$NewId"
        (& stat -c %F $fifo) | Should -Be 'fifo'
    }

    It 'Test-RegistryAuthConfig reports authTokenFile, clientSecretFile and caCertPath on /dev/zero without reading it' {
        $config = Join-Path $dir 'thv.yaml'
        Write-ToolHiveConfig $config keycloak 'issuerUrl: https://keycloak.example.com/realms/mcp', 'audience: registry-api', 'clientId: registry',
            'clientSecretFile: /dev/zero', 'caCertPath: /dev/zero', 'authTokenFile: /dev/zero'
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $findings = Test-RegistryAuthConfig -Path $config -Verbose -Debug 4>$null 5>$null
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $refused = @($findings | Where-Object { $_.Message -like "*'/dev/zero' is a character device*" })
        $refused.Count | Should -Be 3
    }
}


Describe 'Replace-by-rename keeps the file''s identity' -Skip:$IsWindows {
    BeforeEach {
        $dir = New-TempFolder
    }

    AfterEach { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }

    It 'edits the file a symbolic link points to and keeps the link' {
        $real = Join-Path $dir 'real.env'
        $link = Join-Path $dir 'link.env'
        Set-Content -LiteralPath $real -Value 'KEEP=1'
        New-Item -ItemType SymbolicLink -Path $link -Target $real | Out-Null
        $records = New-RegistryApiToken -EnvFile $link -Verbose -Debug 4>&1 5>&1
        $result = $records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] }
        (Get-Item -LiteralPath $link).LinkType | Should -Be 'SymbolicLink'
        Get-Content -LiteralPath $real | Should -Contain "REGISTRY_API_TOKEN=$(ConvertTo-PlainText $result.Token)"
        Get-Content -LiteralPath $real | Should -Contain 'KEEP=1'
        ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "'$link' is a symbolic link: editing the file it points to, '$real'; the link stays as it is."
    }

    It 'refuses a dangling symbolic link with a clear error naming its target' {
        $link = Join-Path $dir '.env'
        New-Item -ItemType SymbolicLink -Path $link -Target (Join-Path $dir 'gone.env') | Out-Null
        { New-RegistryApiToken -EnvFile $link -ErrorAction Stop } | Should -Throw -ErrorId "SymbolicLinkDangling,$NewId" -ExpectedMessage '*gone.env*'
        { Test-RegistryToken -Token (New-RegistryApiToken).Token -Uri 'https://gw.example/api/servers' -EnvFile $link -ErrorAction Stop } |
            Should -Throw -ErrorId "SymbolicLinkDangling,$TestId"
    }

    It 'refuses a file with another hard link instead of splitting them' {
        $env = Join-Path $dir '.env'
        Set-Content -LiteralPath $env -Value 'A=1'
        New-Item -ItemType HardLink -Path (Join-Path $dir 'other.env') -Target $env | Out-Null
        { New-RegistryApiToken -EnvFile $env -Force -ErrorAction Stop } | Should -Throw -ErrorId "FileHasHardLinks,$NewId" -ExpectedMessage '*2 hard links*'
        Get-Content -LiteralPath $env | Should -Be 'A=1'
    }

    It 'keeps owner and group, and says in Verbose that a group-readable mode became 0600' -Skip:((& id -u) -ne '0') {
        $env = Join-Path $dir '.env'
        Set-Content -LiteralPath $env -Value 'A=1'
        & chown 1234:2345 $env
        [IO.File]::SetUnixFileMode($env, [IO.UnixFileMode]'UserRead, UserWrite, GroupRead')
        $records = New-RegistryApiToken -EnvFile $env -Verbose 4>&1
        (& stat -c '%u:%g %a' $env) | Should -Be '1234:2345 600'
        ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
            Should -Contain "The mode of '$env' changes from 0640 to 0600: it holds a secret, so only its owner may read it."
    }

    It 'keeps a mode already stricter than 0600' {
        $env = Join-Path $dir '.env'
        Set-Content -LiteralPath $env -Value 'A=1'
        [IO.File]::SetUnixFileMode($env, [IO.UnixFileMode]'UserRead')
        New-RegistryApiToken -EnvFile $env -Force | Out-Null
        [IO.File]::GetUnixFileMode($env) | Should -Be ([IO.UnixFileMode]'UserRead')
    }
}

Describe 'Several files: all or nothing' {
    BeforeEach {
        $dir = New-TempFolder
    }

    AfterEach { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }

    It 'checks every target before writing any: a missing folder for -TokenFile leaves -EnvFile untouched' {
        $env = Join-Path $dir 'partial.env'
        Set-Content -LiteralPath $env -Value 'REGISTRY_API_TOKEN=old-value-0123456789-0123456789-abc'
        $before = [IO.File]::ReadAllBytes($env)
        { New-RegistryApiToken -EnvFile $env -TokenFile (Join-Path $dir 'missing-dir/token') -Force -ErrorAction Stop -Verbose -Debug 4>$null 5>$null } |
            Should -Throw -ErrorId "FolderNotFound,$NewId" -ExpectedMessage '*missing-dir*No file was written*'
        [IO.File]::ReadAllBytes($env) | Should -Be $before
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Should -Be @('partial.env')
    }
}

Describe 'Stale temporary files' {
    It 'removes a temporary file of the module''s naming left by a crash, on the next write to that folder' {
        $dir = New-TempFolder
        try {
            $stale = Join-Path $dir ".env.$([guid]::NewGuid().ToString('N')).tmp"
            $fresh = Join-Path $dir ".env.$([guid]::NewGuid().ToString('N')).tmp"
            $other = Join-Path $dir '.notes.tmp'
            foreach ($f in $stale, $fresh, $other) { Set-Content -LiteralPath $f -Value 'REGISTRY_API_TOKEN=leaked' }
            [IO.File]::SetLastWriteTimeUtc($stale, [datetime]::UtcNow.AddHours(-1))
            [IO.File]::SetLastWriteTimeUtc($other, [datetime]::UtcNow.AddHours(-1))
            New-RegistryApiToken -EnvFile (Join-Path $dir '.env') | Out-Null
            Test-Path -LiteralPath $stale | Should -BeFalse
            Test-Path -LiteralPath $fresh | Should -BeTrue -Because 'a write in flight in another process keeps its temporary file'
            Test-Path -LiteralPath $other | Should -BeTrue -Because 'only the module''s own naming is removed'
        }
        finally { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }
    }
}

Describe 'No secret text in output' {
    It 'a key pasted as a REGISTRY_API_KEYS name is never shown, not even its first characters' {
        $pasted = 'Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0KkLlMmNnOoPp'
        $dir = New-TempFolder
        try {
            $refused = $null
            try { New-RegistryApiToken -EnvFile (Join-Path $dir '.env') -ApiKeyName $pasted -Group g } catch { $refused = $_ }
            $refused.FullyQualifiedErrorId | Should -Be "ApiKeyEntryInvalid,$NewId"
            $refused.Exception.Message | Should -BeLike '*fingerprint*'
            $refused.Exception.Message | Should -Not -BeLike "*$($pasted.Substring(0, 8))*"

            $settings = @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_KEYS = "{`"$pasted`":{`"key`":`"$Plain`",`"groups`":[`"g`"]}}" }
            $records = Test-RegistryToken -Token (New-RegistryApiToken).Token -Uri 'https://gw.example/api/servers' -Environment $settings -Verbose -Debug -WarningAction Continue *>&1
            ($records | Out-String -Width 500) | Should -Not -BeLike "*$($pasted.Substring(0, 8))*"
        }
        finally { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }
    }

    It 'a password in a URL is shown as *** in Verbose and findings' {
        $config = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).yaml"
        try {
            Write-ToolHiveConfig $config keycloak 'issuerUrl: http://svc:Pw-0f-The-Service@keycloak.example.com/realms/mcp', 'audience: registry-api',
                'introspectionUrl: https://svc:Pw-0f-The-Service@keycloak.example.com/introspect' -ResourceUrl 'https://svc:Pw-0f-The-Service@registry.example.com'
            $text = Test-RegistryAuthConfig -Path $config -Verbose -Debug -WarningAction Continue *>&1 | Out-String -Width 500
            $text | Should -Not -BeLike '*Pw-0f-The-Service*'
            $text | Should -BeLike '*introspection https://`*`*`*@keycloak.example.com/introspect*'
        }
        finally { Remove-Item -LiteralPath $config, "$config.discovery.json" -ErrorAction SilentlyContinue }
    }
}

Describe 'What the about topic says about Export-Clixml' {
    It 'on Linux and macOS a SecureString exported with Export-Clixml is the token in plain hexadecimal' -Skip:$IsWindows {
        $token = New-RegistryApiToken
        $file = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).xml"
        try {
            $token.Token | Export-Clixml -LiteralPath $file
            $hex = ([xml](Get-Content -LiteralPath $file -Raw)).Objs.SS
            [Text.Encoding]::Unicode.GetString([Convert]::FromHexString($hex)) | Should -BeExactly (ConvertTo-PlainText $token.Token)
            ((Get-Help about_McpRegistryAuth | Out-String -Width 200) -replace '\s+', ' ') | Should -BeLike '*Export-Clixml*On Linux and macOS there is no DPAPI*plain text*'
        }
        finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
    }
}

Describe 'Clear errors' {
    It '-Group with a single quote names -Group and the reason, with a stable ErrorId' {
        $envFile = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).env"
        { New-RegistryApiToken -EnvFile $envFile -ApiKeyName bot -Group "it's" -ErrorAction Stop -Verbose -Debug 4>$null 5>$null } |
            Should -Throw -ErrorId "GroupNotWritable,$NewId" -ExpectedMessage "-Group `"it's`" holds a single quote*"
        Test-Path -LiteralPath $envFile | Should -BeFalse
    }

    It 'running out of memory is an OutOfMemory error naming the input and the limits, and the file is left as it was' -Skip:$IsWindows {
        # A 15.6 MB .env (under the 16 MB read limit) in a child process whose GC heap may hold 64 MB.
        $dir = New-TempFolder
        try {
            $envFile = Join-Path $dir 'big.env'
            $writer = [IO.StreamWriter]::new($envFile)
            $writer.Write("REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true`n")
            $line = 'X' * 1000
            for ($i = 0; $i -lt 15500; $i++) { $writer.Write("K$i=$line`n") }
            $writer.Dispose()
            $before = (Get-FileHash -LiteralPath $envFile).Hash
            $out = Invoke-ChildPwsh "Import-Module '$(Get-BuiltModulePath)'; 'imported'
                foreach (`$run in { Test-RegistryToken -Token abc -Uri https://gw.example/api/servers -EnvFile '$envFile' -ErrorAction Stop -WarningAction SilentlyContinue },
                                  { New-RegistryApiToken -EnvFile '$envFile' -Force -ErrorAction Stop -WarningAction SilentlyContinue }) {
                    try { `$null = & `$run; 'no error' } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message; `$_.CategoryInfo.Category; `$_.TargetObject; `$_.ErrorDetails.RecommendedAction }
                }" -Environment @{ DOTNET_GCHeapHardLimit = '0x4000000' }
            $out[0] | Should -Be 'imported'
            $out | Should -Contain 'OutOfMemory,McpRegistryAuth.Commands.TestRegistryTokenCommand'
            $out | Should -Contain "OutOfMemory,$NewId"
            $out | Should -Not -Contain 'no error'
            ($out -join "`n") | Should -Not -BeLike '*System.OutOfMemoryException*'
            ($out | Where-Object { $_ -like 'Test-RegistryToken ran out of memory*' }) | Should -BeLike "*-EnvFile '$envFile'*at most 64 MB*16 MB*"
            $out | Should -Contain 'LimitsExceeded'
            $out | Should -Contain "-EnvFile '$envFile'"
            (Get-FileHash -LiteralPath $envFile).Hash | Should -Be $before
        }
        finally { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }
    }
}

Describe 'The token under test goes only where it was asked' {
    It 'ToolHive introspection over plain http to a host that is not loopback is described, not performed' {
        $config = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).yaml"
        try {
            Write-ToolHiveConfig $config thb 'issuerUrl: https://kc.example.com/realms/acme', 'audience: registry-api', 'introspectionUrl: http://idp.example.com/introspect'
            $discovery = "$config.discovery.json"
            Set-Content -LiteralPath $discovery -Value '{"issuer":"https://kc.example.com/realms/acme","jwks_uri":"https://kc.example.com/certs"}'
            $opaque = ConvertTo-SecureString -String 'opaque-token-under-test-0123456789' -AsPlainText -Force
            $records = Test-RegistryToken -Token $opaque -RegistryType ToolHive -ConfigPath $config -DiscoveryDocument $discovery -Uri 'https://registry.example.com/registry/v0.1/servers' -Verbose -Debug 4>&1 5>&1
            $verdict = $records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] }
            $verdict.Accepted | Should -BeFalse
            $verdict.IsProvisional | Should -BeTrue
            ($verdict.Checks | Where-Object Name -eq 'ToolHive.Introspection.Call').Observed |
                Should -Be 'the server would send your token over plain http to http://idp.example.com/introspect; it was not sent from here (-AllowUnencryptedAuthentication sends it)'
        }
        finally { Remove-Item -LiteralPath $config, "$config.discovery.json" -ErrorAction SilentlyContinue }
    }
}
