#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 13, item 1: ten real PowerShell processes write the same files at once. Each child imports the
# built module, waits for a start signal (so all ten run together), then adds its own REGISTRY_API_KEYS
# entry, appends to one toolregistry-server tokens file and tries to create one -TokenFile without
# -Force. Every entry must survive, and exactly one process may create the token file.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # Starts this same PowerShell (never a bare pwsh) on a script file, without waiting.
    function Start-ChildPwsh([string] $ScriptPath, [string[]] $Arguments) {
        $exe = [Environment]::ProcessPath
        $info = [System.Diagnostics.ProcessStartInfo]::new($exe)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $ScriptPath) + $Arguments) { $info.ArgumentList.Add($a) }
        $info.UseShellExecute = $false
        [System.Diagnostics.Process]::Start($info)
    }
}

Describe 'New-RegistryApiToken with ten processes writing at once' {
    BeforeAll {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $dir | Out-Null
        $envFile = Join-Path $dir 'shared.env'
        $tokensFile = Join-Path $dir 'tokens.txt'
        $tokenFile = Join-Path $dir 'race.tok'
        $go = Join-Path $dir 'go'
        $child = Join-Path $dir 'child.ps1'
        Set-Content -LiteralPath $child -Value @'
param([int] $Index, [string] $Module, [string] $Dir)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$out = Join-Path $Dir "result-$Index.txt"
while (-not (Test-Path -LiteralPath (Join-Path $Dir 'go'))) { Start-Sleep -Milliseconds 10 }
$lines = @()
try {
    $t = New-RegistryApiToken -EnvFile (Join-Path $Dir 'shared.env') -ApiKeyName "bot-$Index" -Group g -AsPlainText
    $lines += "env:$t"
    $t = New-RegistryApiToken -ToolRegistryTokensFile (Join-Path $Dir 'tokens.txt') -AsPlainText
    $lines += "tokens:$t"
    try {
        $t = New-RegistryApiToken -TokenFile (Join-Path $Dir 'race.tok') -AsPlainText
        $lines += "tokenfile:$t"
    } catch {
        $lines += "tokenfile-error:$($_.FullyQualifiedErrorId)"
    }
} catch {
    # The test names what went wrong in a child instead of only its exit code.
    $lines += "fatal:$($_.FullyQualifiedErrorId): $($_.Exception.Message)"
}
Set-Content -LiteralPath $out -Value $lines
'@
        $module = Get-BuiltModulePath
        $processes = foreach ($i in 1..10) { Start-ChildPwsh $child @('-Index', "$i", '-Module', $module, '-Dir', $dir) }
        # Start together once every child had time to import the module.
        Start-Sleep -Seconds 3
        New-Item -ItemType File -Path $go | Out-Null
        foreach ($p in $processes) {
            if (-not $p.WaitForExit(180000)) { $p.Kill() }
        }
        $results = foreach ($i in 1..10) {
            $file = Join-Path $dir "result-$i.txt"
            $lines = if (Test-Path -LiteralPath $file) { Get-Content -LiteralPath $file } else { @() }
            [pscustomobject]@{
                Index     = $i
                Env       = ($lines | Where-Object { $_ -like 'env:*' }) -replace '^env:', ''
                Tokens    = ($lines | Where-Object { $_ -like 'tokens:*' }) -replace '^tokens:', ''
                TokenFile = ($lines | Where-Object { $_ -like 'tokenfile:*' }) -replace '^tokenfile:', ''
                Error     = ($lines | Where-Object { $_ -like 'tokenfile-error:*' }) -replace '^tokenfile-error:', ''
                Fatal     = ($lines | Where-Object { $_ -like 'fatal:*' }) -join '; '
            }
        }
    }

    AfterAll {
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
    }

    It 'every process finished and reported a token' {
        $fatal = ($results | Where-Object Fatal | ForEach-Object { "child $($_.Index): $($_.Fatal)" }) -join "`n"
        @($processes | Where-Object ExitCode -ne 0).Count | Should -Be 0
        @($results | Where-Object { $_.Env -and $_.Tokens }).Count | Should -Be 10 -Because $fatal
    }

    It 'keeps all ten REGISTRY_API_KEYS entries, each with the key its process returned' {
        $line = Get-Content -LiteralPath $envFile | Where-Object { $_ -like 'REGISTRY_API_KEYS=*' }
        $keys = ($line -replace "^REGISTRY_API_KEYS='(.*)'$", '$1') | ConvertFrom-Json -AsHashtable
        $keys.Count | Should -Be 10
        foreach ($r in $results) { $keys["bot-$($r.Index)"].key | Should -Be $r.Env }
    }

    It 'keeps all ten tokens in the toolregistry-server tokens file' {
        $lines = Get-Content -LiteralPath $tokensFile
        $lines.Count | Should -Be 10
        foreach ($r in $results) { $lines | Should -Contain $r.Tokens }
    }

    It 'lets exactly one process create the -TokenFile; the nine others get TokenFileExists' {
        $winners = @($results | Where-Object TokenFile)
        $winners.Count | Should -Be 1
        (Get-Content -LiteralPath $tokenFile) | Should -Be $winners[0].TokenFile
        @($results | Where-Object { $_.Error -like 'TokenFileExists,*' }).Count | Should -Be 9
    }

    It 'leaves no lock or temporary file behind' {
        @(Get-ChildItem -LiteralPath $dir -Force -Filter '.*') | Should -BeNullOrEmpty
    }
}
