#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The ErrorRecords scripts filter on: a stable ErrorId, its category, the target, and the fix where
# the module knows one. They come from the core's failures through one mapping in the base cmdlet.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Token = New-RegistryApiToken
    function Get-ErrorShape([scriptblock] $Call) {
        try { & $Call | Out-Null; $null }
        catch {
            [pscustomobject]@{
                ErrorId  = ($_.FullyQualifiedErrorId -split ',')[0]
                Category = "$($_.CategoryInfo.Category)"
                Target   = $_.TargetObject
                Fix      = $_.ErrorDetails.RecommendedAction
                Text     = "$_"
            }
        }
    }
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Error records' {
    It 'names <ErrorId> (<Category>) for <Case>' -ForEach @(
        @{ Case = 'a family without its file'; ErrorId = 'TokensFileRequired'; Category = 'InvalidArgument'; Call = { Test-RegistryToken -RegistryType ToolRegistry -Token $Token } }
        @{ Case = 'a missing ToolHive config'; ErrorId = 'RegistryAuthConfigNotFound'; Category = 'ObjectNotFound'; Call = { Test-RegistryToken -ConfigPath (Join-Path $TestDrive 'none.yaml') -Token $Token } }
        @{ Case = '-Quiet without a server'; ErrorId = 'NoServerSettings'; Category = 'InvalidArgument'; Call = { Test-RegistryToken -Quiet -Token $Token } }
        @{ Case = 'settings of two families'; ErrorId = 'AmbiguousRegistryType'; Category = 'InvalidArgument'; Call = { Test-RegistryToken -Environment @{ A = '1' } -TokensFile (Join-Path $PSScriptRoot 'TestHelpers.ps1') -Token $Token } }
        @{ Case = 'a missing scopes file'; ErrorId = 'ScopesPathNotFound'; Category = 'ObjectNotFound'; Call = { Test-ScopeAccess -ScopesPath (Join-Path $TestDrive 'none.yml') -Group g -Server s -Method tools/list } }
        @{ Case = 'a relative registry URL'; ErrorId = 'RegistryUriInvalid'; Category = 'InvalidArgument'; Call = { Get-RegistryAuthMetadata -Uri 'registry/v0.1/servers' } }
        @{ Case = 'a CA file without certificates'; ErrorId = 'CaCertPathInvalid'; Category = 'InvalidData'; Call = { Get-RegistryAuthMetadata -Uri 'https://registry.example' -CaCertPath (Join-Path $PSScriptRoot 'TestHelpers.ps1') } }
        @{ Case = 'a missing token file'; ErrorId = 'FileNotFound'; Category = 'ObjectNotFound'; Call = { Test-RegistryToken -TokenFile (Join-Path $TestDrive 'none.tok') -Environment @{ A = '1' } -ErrorAction Stop } }
        @{ Case = 'a token that cannot go in a header'; ErrorId = 'InvalidToken'; Category = 'InvalidArgument'; Call = { Test-RegistryToken -Token "a`nb" -Environment @{ A = '1' } -Uri 'https://gw.example/api/servers' -ErrorAction Stop } }
    ) {
        $shape = Get-ErrorShape $Call
        $shape | Should -Not -BeNullOrEmpty
        $shape.ErrorId | Should -Be $ErrorId
        $shape.Category | Should -Be $Category
        $shape.Text | Should -Not -BeNullOrEmpty
    }

    It 'targets the file it could not use' {
        $missing = Join-Path $TestDrive 'none.yml'
        (Get-ErrorShape { Test-ScopeAccess -ScopesPath $missing -Group g -Server s -Method tools/list }).Target | Should -Be $missing
    }

    It 'gives the recommended action the core knows' {
        (Get-ErrorShape { Get-RegistryAuthMetadata -Uri 'https://registry.example' -CaCertPath (Join-Path $PSScriptRoot 'TestHelpers.ps1') }).Fix | Should -BeLike '*PEM*'
    }

    It 'shows a refused token only as its fingerprint' {
        $shape = Get-ErrorShape { Test-RegistryToken -Token "secret-part`nrest" -Environment @{ A = '1' } -Uri 'https://gw.example/api/servers' -ErrorAction Stop }
        "$($shape.Target) $($shape.Text)" | Should -Not -BeLike '*secret-part*'
        "$($shape.Target)" | Should -BeLike '<secret *>'
    }
}

Describe 'Token input' {
    It 'takes an object with a Token property as -Token, as piping it does' {
        $settings = @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_TOKEN = (ConvertTo-PlainText $Token.Token) }
        Test-RegistryToken -Token $Token -Uri 'https://gw.example/api/servers' -Environment $settings -Quiet | Should -BeTrue
        $Token | Test-RegistryToken -Uri 'https://gw.example/api/servers' -Environment $settings -Quiet | Should -BeTrue
        Test-RegistryToken -Token ([pscustomobject]@{ access_token = 'wrong-0123456789-0123456789-0123' }) -Uri 'https://gw.example/api/servers' -Environment $settings -Quiet | Should -BeFalse
    }
}
