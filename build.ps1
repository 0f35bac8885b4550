#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and cleans McpRegistryAuth. A plain `dotnet build` does the same Build step.
.PARAMETER Task
    Build: compile and assemble out/McpRegistryAuth/<version>/.
    Test: dotnet test, then Pester 5 on tests/Pester when it is installed.
    Pester: only the Pester tests (against the built module, in a child pwsh).
    Help: regenerate the committed en-US/ from docs/ with the build tool; where Microsoft.PowerShell.PlatyPS
          is installed, its MAML replaces the tool's in the module folder.
    Clean: remove out/ and every bin/ and obj/.
.PARAMETER Configuration
    Debug (default) or Release.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Help', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Get-ModuleVersion {
    $props = [xml](Get-Content -LiteralPath (Join-Path $PSScriptRoot 'Directory.Build.props') -Raw)
    ($props.Project.PropertyGroup | Where-Object { $_.ModuleVersion } | Select-Object -First 1).ModuleVersion
}

function Invoke-Build {
    dotnet build McpRegistryAuth.sln -c $Configuration
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed with exit code $LASTEXITCODE" }
}

function Invoke-PesterTests {
    $pester = Get-Module -ListAvailable Pester | Where-Object { $_.Version.Major -ge 5 } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed: the Pester tests in tests/Pester were skipped. Install-Module Pester -MinimumVersion 5.5 -Scope CurrentUser'
        return
    }
    $modulePath = Join-Path $PSScriptRoot "out/McpRegistryAuth/$(Get-ModuleVersion)/McpRegistryAuth.psd1"
    if (-not (Test-Path -LiteralPath $modulePath)) { Invoke-Build }
    # A child process, so the module under test never loads into this session.
    $script = @"
`$env:MCPREGISTRYAUTH_MODULE_PATH = '$modulePath'
Import-Module '$($pester.Path)'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $PSScriptRoot 'tests/Pester')'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$false
`$config.Should.ErrorAction = 'Stop'
Invoke-Pester -Configuration `$config
"@
    pwsh -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { throw "Pester failed with exit code $LASTEXITCODE" }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' {
        dotnet test McpRegistryAuth.sln -c $Configuration
        if ($LASTEXITCODE -ne 0) { throw "dotnet test failed with exit code $LASTEXITCODE" }
        Invoke-PesterTests
    }
    'Pester' { Invoke-PesterTests }
    'Help' {
        # The build tool regenerates the committed en-US/ (a test fails when it is stale) and, through
        # the build, the module folder's en-US/.
        Invoke-Build
        dotnet run --project (Join-Path $PSScriptRoot 'tools/McpRegistryAuth.HelpBuilder') -c $Configuration -- (Join-Path $PSScriptRoot 'docs') (Join-Path $PSScriptRoot 'en-US')
        if ($LASTEXITCODE -ne 0) { throw "The help build tool failed with exit code $LASTEXITCODE" }
        if (Get-Module -ListAvailable Microsoft.PowerShell.PlatyPS) {
            # Where PlatyPS is installed, its own MAML goes into the module folder (the committed copies stay the tool's).
            Import-Module Microsoft.PowerShell.PlatyPS
            $tmp = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid())
            try {
                Measure-PlatyPSMarkdown -Path (Join-Path $PSScriptRoot 'docs/*.md') |
                    Where-Object Filetype -match 'CommandHelp' |
                    Import-MarkdownCommandHelp -Path { $_.FilePath } |
                    Export-MamlCommandHelp -OutputFolder $tmp | Out-Null
                $moduleHelp = Join-Path $PSScriptRoot "out/McpRegistryAuth/$(Get-ModuleVersion)/en-US"
                Copy-Item -Path (Join-Path $tmp 'McpRegistryAuth/*.xml') -Destination $moduleHelp -Force
            }
            finally {
                Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $tmp
            }
        }
        else {
            Write-Warning 'Microsoft.PowerShell.PlatyPS is not installed; the module help comes from the build tool (tools/McpRegistryAuth.HelpBuilder).'
        }
    }
    'Clean' {
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $PSScriptRoot 'out')
        Get-ChildItem -Path $PSScriptRoot -Directory -Recurse -Include bin, obj |
            Where-Object FullName -notmatch 'node_modules' |
            Remove-Item -Recurse -Force
    }
}
