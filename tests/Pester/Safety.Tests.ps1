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
