#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Test-RegistryToken -RegistryType ToolRegistry -TokensFile: toolregistry-server's verdict.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:CmdletId = 'McpRegistryAuth.Commands.TestRegistryTokenCommand'
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Test-RegistryToken -RegistryType ToolRegistry' {
    BeforeEach {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $dir | Out-Null
        $tokens = Join-Path $dir 'tokens.txt'
        [IO.File]::WriteAllText($tokens, "# team tokens`n  tok-one  `ntok-two`n")
    }

    AfterEach {
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
    }

    It 'accepts a token from the file, after the server strips the line' {
        $verdict = Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens -Token 'tok-one'
        $verdict.Status | Should -Be 200
        $verdict.AcceptedBy | Should -Be 'Token:line 2'
    }

    It 'answers a wrong token with 401 Invalid authentication token' {
        $verdict = Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens -Token 'TOK-ONE'
        $verdict.Status | Should -Be 401
        $verdict.Detail | Should -Be 'Invalid authentication token'
        $verdict.Body | Should -Be '{"detail":"Invalid authentication token"}'
        $verdict.WwwAuthenticate | Should -Be 'Bearer'
        $verdict.Hints -join ' ' | Should -BeLike '*letter case*'
    }

    It 'gives both FastAPI answers to a request without a token' {
        $verdicts = @(Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens)
        $verdicts.Count | Should -Be 2
        $verdicts.Status | Should -Be @(403, 401)
    }

    It 'gives one answer when -FastApiVersion picks it' {
        $verdicts = @(Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens -FastApiVersion 0.121.3)
        $verdicts.Count | Should -Be 1
        $verdicts[0].Status | Should -Be 403
        $verdicts[0].WwwAuthenticate | Should -BeNullOrEmpty
    }

    It 'infers the server family from -TokensFile' {
        (Test-RegistryToken -TokensFile $tokens -Token 'tok-two').RegistryType | Should -Be 'ToolRegistry'
    }

    It 'warns that a comment-only file disables authentication' {
        [IO.File]::WriteAllText($tokens, "# nothing yet`n")
        $verdict = Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens -WarningVariable warnings -WarningAction SilentlyContinue
        $verdict.Status | Should -Be 200
        $verdict.AcceptedBy | Should -Be 'AuthenticationDisabled'
        ($warnings | Out-String) | Should -BeLike '*TRS003*'
    }

    It 'warns about a BOM and names the first token only by fingerprint' {
        [IO.File]::WriteAllBytes($tokens, [byte[]](0xEF, 0xBB, 0xBF) + [Text.Encoding]::UTF8.GetBytes("tok-bom`n"))
        $verdict = Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens -Token 'tok-bom' -WarningVariable warnings -WarningAction SilentlyContinue
        $verdict.Status | Should -Be 401
        ($warnings | Out-String) | Should -BeLike '*TRS004*'
        ($warnings | Out-String) | Should -Not -BeLike '*tok-bom*'
    }

    It 'reports /docs as never protected' {
        $verdict = Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens -Uri 'http://127.0.0.1:8000/docs'
        $verdict.Status | Should -Be 200
        $verdict.AcceptedBy | Should -Be 'NeverProtectedPath:/docs'
    }

    It 'reports If-None-Match on /tools' {
        $verdict = Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens -Token 'tok-one' -Header @{ 'If-None-Match' = '"abc"' }
        $verdict.Warnings -join ' ' | Should -BeLike '*304*'
    }

    It 'returns only a boolean with -Quiet' {
        Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens -Token 'tok-two' -Quiet | Should -BeTrue
        Test-RegistryToken -RegistryType ToolRegistry -TokensFile $tokens -Token 'nope' -Quiet | Should -BeFalse
    }

    It 'needs -TokensFile with -RegistryType ToolRegistry' {
        { Test-RegistryToken -RegistryType ToolRegistry -Token 'x' -ErrorAction Stop } | Should -Throw -ErrorId "TokensFileRequired,$CmdletId"
    }
}
