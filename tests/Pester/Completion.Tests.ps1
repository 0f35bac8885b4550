#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Tab completion as a user gets it (TabExpansion2) against the built module: names come from the files
# given on the same line, and a missing or unreadable file offers nothing, without an error.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Fixtures = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes'
    $script:Yaml = Join-Path $script:Fixtures 'default-scopes.yml'
    $script:Json = Join-Path $script:Fixtures 'default-mcp-scopes.json'

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Scope names from -ScopesPath' {
    It 'completes -Group with the groups of scopes.yml, in file order, with the scopes each gets' {
        $matches = Get-Completion "Test-ScopeAccess -ScopesPath '$Yaml' -Group "
        $matches.CompletionText | Should -Contain 'registry-users-lob1'
        $matches.CompletionText[0] | Should -Be 'federation-service'
        ($matches | Where-Object CompletionText -eq 'registry-users-lob1').ToolTip | Should -Be 'group -> scopes registry-users-lob1'
    }

    It 'completes -Group of Get-ScopeAccessMatrix from an mcp_scopes export given by position, matching the word typed' {
        (Get-Completion "Get-ScopeAccessMatrix '$Json' -Group registry-u").CompletionText | Should -Be @('registry-users-lob1')
    }

    It 'completes -Scope, quoting what PowerShell needs quoted' {
        $matches = Get-Completion "Test-ScopeAccess -ScopesPath '$Yaml' -Scope "
        $matches.CompletionText | Should -Contain 'mcp-servers-unrestricted/read'
        $matches.CompletionText | Should -Not -Contain 'group_mappings'
        $file = Join-Path $TestDrive 'spaced.json'
        Set-Content -LiteralPath $file -Value '[{"_id": "team a", "group_mappings": ["grp (eu)"]}]'
        (Get-Completion "Test-ScopeAccess -ScopesPath '$file' -Scope t").CompletionText | Should -Be @("'team a'")
        (Get-Completion "Test-ScopeAccess -ScopesPath '$file' -Group ").CompletionText | Should -Be @("'grp (eu)'")
    }

    It 'completes -Server with each server a rule names, without wildcards' {
        $servers = (Get-Completion "Test-ScopeAccess -ScopesPath '$Yaml' -Server ").CompletionText
        $servers | Should -Contain 'currenttime'
        $servers | Should -Contain 'fininfo'
        $servers | Should -Not -Contain '*'
    }

    It 'completes -Method and -Tool for the -Server given' {
        $methods = (Get-Completion "Test-ScopeAccess -ScopesPath '$Yaml' -Server currenttime -Method ").CompletionText
        $methods | Should -Contain 'tools/call'
        $methods | Should -Contain 'initialize'
        $methods | Should -Not -Contain 'all'
        (Get-Completion "Test-ScopeAccess -ScopesPath '$Yaml' -Server currenttime -Method tools/call -Tool ").CompletionText | Should -Be @('current_time_by_timezone')
        (Get-Completion "Test-ScopeAccess -ScopesPath '$Yaml' -Server fininfo -Method tools/call -Tool ").CompletionText | Should -Not -Contain 'current_time_by_timezone'
    }

    It 'resolves a relative -ScopesPath against the current location' {
        Push-Location $Fixtures
        try {
            (Get-Completion 'Test-ScopeAccess -ScopesPath ./default-mcp-scopes -Group registry-a').CompletionText | Should -Be @('registry-admins')
        }
        finally {
            Pop-Location
        }
    }

    It 'offers no scope name and writes no error without a readable -ScopesPath (<Case>)' -ForEach @(
        @{ Case = 'no -ScopesPath'; Line = 'Test-ScopeAccess -Group registry-' }
        @{ Case = 'a missing file'; Line = 'Test-ScopeAccess -ScopesPath ./nope.yml -Group registry-' }
        @{ Case = 'a file that is not scopes'; Line = "Test-ScopeAccess -ScopesPath '$PSCommandPath' -Group registry-" }
    ) {
        $Error.Clear()
        Get-Completion $Line | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}

Describe 'New-RegistryApiToken -Group' {
    It 'completes from the .env''s REGISTRY_API_KEYS groups, then the groups of -ScopesPath' {
        $envFile = Join-Path $TestDrive 'gateway.env'
        Set-Content -LiteralPath $envFile -Value "REGISTRY_API_KEYS='{`"monitoring`":{`"key`":`"$(New-RegistryApiToken -AsPlainText)`",`"groups`":[`"mcp-readonly`"]}}'"
        $matches = Get-Completion "New-RegistryApiToken -EnvFile '$envFile' -ApiKeyName ci -ScopesPath '$Yaml' -Group "
        $matches[0].CompletionText | Should -Be 'mcp-readonly'
        $matches[0].ToolTip | Should -Be 'group of API key(s) monitoring in gateway.env'
        $matches.CompletionText | Should -Contain 'registry-users-lob1'
        (Get-Completion "New-RegistryApiToken -EnvFile '$envFile' -ApiKeyName ci -Group ").CompletionText | Should -Be @('mcp-readonly')
    }
}

Describe 'Values the core lists' {
    It 'completes Test-RegistryAuthConfig -AuthMode with the two modes' {
        (Get-Completion 'Test-RegistryAuthConfig ./config.yaml -AuthMode ').CompletionText | Should -Be @('oauth', 'anonymous')
        (Get-Completion 'Test-RegistryAuthConfig ./config.yaml -AuthMode a').CompletionText | Should -Be @('anonymous')
    }

    It 'completes Test-RegistryToken -Header with a hashtable of a header the servers read' {
        (Get-Completion 'Test-RegistryToken -Header ').ListItemText | Should -Be @('Authorization', 'X-Authorization', 'Cookie', 'If-None-Match')
        $match = Get-Completion 'Test-RegistryToken -Header X-'
        $match.CompletionText | Should -Be "@{ 'X-Authorization' = '' }"
        { [scriptblock]::Create($match.CompletionText).Invoke() } | Should -Not -Throw
    }
}
