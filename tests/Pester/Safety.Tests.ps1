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
        $dir = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $dir | Out-Null
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
        Set-Content -LiteralPath $config -Value @"
auth:
  mode: oauth
  oauth:
    resourceUrl: https://registry.example.com
    providers:
      - name: keycloak
        issuerUrl: https://keycloak.example.com/realms/mcp
        audience: registry-api
        clientId: registry
        clientSecretFile: /dev/zero
        caCertPath: /dev/zero
        authTokenFile: /dev/zero
"@
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $findings = Test-RegistryAuthConfig -Path $config -Verbose -Debug 4>$null 5>$null
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $refused = @($findings | Where-Object { $_.Message -like "*'/dev/zero' is a character device*" })
        $refused.Count | Should -Be 3
    }
}

