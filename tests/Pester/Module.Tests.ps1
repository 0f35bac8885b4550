#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    # The cmdlet list for -ForEach comes from the built manifest, so a new cmdlet is covered without editing this file.
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $exportedCmdlets = (Import-PowerShellDataFile -LiteralPath (Get-BuiltModulePath)).CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:ModulePath = Get-BuiltModulePath
    $script:Exported = (Import-PowerShellDataFile -LiteralPath $script:ModulePath).CmdletsToExport
    $script:Module = Import-Module $script:ModulePath -Force -PassThru
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'McpRegistryAuth module' {
    It 'imports from the built folder and exports the documented cmdlets' {
        $script:Module.Name | Should -Be 'McpRegistryAuth'
        $commands = (Get-Command -Module McpRegistryAuth).Name | Sort-Object
        $script:Exported.Count | Should -BeGreaterOrEqual 6
        $commands | Should -Be ($script:Exported | Sort-Object)
    }

    It 'loads the core into its own load context from Dependencies' {
        # Running a cmdlet forces the core to load through the isolation hook.
        $null = New-RegistryApiToken
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'McpRegistryAuth.Core' }
        $core | Should -HaveCount 1
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core).Name | Should -Be 'McpRegistryAuth'
        $core.Location | Should -BeLike '*Dependencies*McpRegistryAuth.Core.dll'
    }

    It 'imports the loader as its only nested module, before the cmdlet assembly' {
        @($script:Module.NestedModules.Name) | Should -Be @('McpRegistryAuth.Loading')
        $loader = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'McpRegistryAuth.Loading' }
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($loader).Name | Should -Be 'Default'
    }

    It 'loads every view of its format file' {
        $formatFile = Join-Path (Split-Path $script:ModulePath) 'McpRegistryAuth.format.ps1xml'
        $typeNames = ([xml](Get-Content -LiteralPath $formatFile -Raw)).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName
        $typeNames.Count | Should -BeGreaterThan 0
        foreach ($typeName in $typeNames) {
            Get-FormatData -TypeName $typeName | Should -Not -BeNullOrEmpty -Because "$typeName has a view in $formatFile"
        }
    }

    It 'survives Remove-Module and a second import' {
        Remove-Module McpRegistryAuth -Force
        Import-Module $script:ModulePath -Force
        (New-RegistryApiToken -AsPlainText).Length | Should -Be 43
    }

    It 'gives the server, group and agent cmdlets Invoke-RegistryApi''s registry and token parameters' {
        $tasks = 'Get-RegistryServer', 'Register-RegistryServer', 'Enable-RegistryServer', 'Disable-RegistryServer', 'Set-RegistryServer',
            'Unregister-RegistryServer', 'Get-RegistryGroup', 'Add-RegistryGroupMember', 'Remove-RegistryGroupMember', 'Import-RegistryGroup', 'Get-RegistryAgent'
        $shared = 'RegistryUrl', 'Profile', 'Token', 'TokenFile', 'TimeoutSec', 'MaximumRetryCount', 'AllowUnencryptedAuthentication'
        foreach ($name in $tasks) {
            $command = Get-Command $name
            foreach ($parameter in $shared) {
                $command.Parameters.Keys | Should -Contain $parameter -Because "$name shares -$parameter"
                $command.Parameters[$parameter].ParameterType | Should -Be (Get-Command Invoke-RegistryApi).Parameters[$parameter].ParameterType
            }
            if ($name -notlike 'Get-*') { $command.Parameters.Keys | Should -Contain 'WhatIf' -Because "$name changes the registry" }
            $command.OutputType.Name | ForEach-Object { $_ | Should -Not -BeLike 'McpRegistryAuth.Core*' -Because 'no core type in the cmdlet assembly''s surface' }
        }
    }

    It 'has help with a synopsis and examples for <Name>' -ForEach $exportedCmdlets {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name*[<]*"
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
