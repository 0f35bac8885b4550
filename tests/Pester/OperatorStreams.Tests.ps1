#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The paths issue 12 added, run as a pipeline task runs them (this session is non-interactive, where a
# prompt is an error): with -Verbose -Debug, and with -Debug alone, whose verbose lines and warnings go
# to the debug stream. Streams.Tests.ps1 covers each cmdlet's usual call.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $fixtures = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures'
    $scopes = Join-Path $fixtures 'scopes/default-scopes.yml'
    $json = Join-Path $fixtures 'scopes/default-mcp-scopes.json'
    $corpus = Join-Path $fixtures 'toolhive/corpus'
    $helm = Join-Path $TestDrive 'values.yaml'
    Set-Content -LiteralPath $helm -Value "replicaCount: 1`nconfig:`n  sources: []`n  auth:`n    mode: anonymous`n"

    $script:Calls = @{
        'piped scope files into Get-ScopeAccessMatrix' = { param($Common) Get-Item -LiteralPath $scopes, $json | Get-ScopeAccessMatrix -Group registry-admins @Common }
        'piped scope files into Test-ScopeAccess'      = { param($Common) Get-Item -LiteralPath $scopes, $json | Test-ScopeAccess -Group registry-admins -Server fininfo -Method tools/list @Common }
        'piped configs into Test-RegistryAuthConfig -Quiet' = { param($Common) Get-Item -LiteralPath (Join-Path $corpus 'seed-06-anonymous.yaml'), $helm | Test-RegistryAuthConfig -Quiet @Common }
        'New-RegistryApiToken -ScopesPath with a group without scope' = { param($Common) New-RegistryApiToken -EnvFile (Join-Path $TestDrive "keys-$([guid]::NewGuid()).env") -ApiKeyName monitoring -Group mcp-readonly -ScopesPath $scopes @Common }
        'Get-RegistryAuthMetadata on a port nothing listens on' = { param($Common) Get-RegistryAuthMetadata -Uri 'http://127.0.0.1:9/registry' -TimeoutSec 5 @Common }
    }
    $script:Warns = @('New-RegistryApiToken -ScopesPath with a group without scope', 'Get-RegistryAuthMetadata on a port nothing listens on')
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Streams of the new paths' {
    BeforeDiscovery {
        $cases = @('piped scope files into Get-ScopeAccessMatrix', 'piped scope files into Test-ScopeAccess', 'piped configs into Test-RegistryAuthConfig -Quiet',
            'New-RegistryApiToken -ScopesPath with a group without scope', 'Get-RegistryAuthMetadata on a port nothing listens on') | ForEach-Object { @{ Case = $_ } }
    }

    It '<Case> with -Verbose -Debug -WarningAction Continue: verbose lines, no prompt, no error' -ForEach $cases {
        $records = @(& $script:Calls[$Case] @{ Verbose = $true; Debug = $true; WarningAction = 'Continue' } *>&1)
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count -gt 0 | Should -Be ($Case -in $script:Warns)
    }

    It '<Case> with -Debug alone: verbose lines and warnings go to the debug stream' -ForEach $cases {
        $records = @(& $script:Calls[$Case] @{ Debug = $true } *>&1)
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -or $_ -is [System.Management.Automation.WarningRecord] }) | Should -BeNullOrEmpty
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Message
        ($debug -like '`[verbose`] *').Count | Should -BeGreaterThan 0
        (($debug -like '`[warning`] *').Count -gt 0) | Should -Be ($Case -in $script:Warns)
    }
}
