#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and cleans McpRegistryAuth. Run it with the repository's pinned PowerShell:
    `dotnet tool restore` once, then `dotnet pwsh ./build.ps1 -Task <Task>`.
.PARAMETER Task
    Build: compile and assemble out/McpRegistryAuth/<version>/ (a plain `dotnet build` does the same).
    Shell: build, then import the built module into this session (use with `dotnet pwsh -NoExit`).
    Test: every test: xunit (`dotnet test`), then the Pester suite; ends with one line counting both,
          "N passed, N failed, N skipped", and fails when any test failed or none ran.
    Pester: only the Pester tests (against the built module, in a child pwsh).
    Package: build, then write out/McpRegistryAuth.<version>.nupkg from the module folder with
          Publish-PSResource (Test and Pester make it too, before the Pester run, which installs it).
    Help: regenerate the committed en-US/ from docs/ with the build tool; where Microsoft.PowerShell.PlatyPS
          is installed, its MAML replaces the tool's in the module folder.
    Clean: remove out/ and every bin/ and obj/.
.PARAMETER Configuration
    Debug (default) or Release.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Shell', 'Test', 'Pester', 'Package', 'Help', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot
$ResultsDirectory = Join-Path $PSScriptRoot 'out/test-results'
. (Join-Path $PSScriptRoot 'tools/ModulePackage.ps1')

function Get-ModuleVersion {
    $props = [xml](Get-Content -LiteralPath (Join-Path $PSScriptRoot 'Directory.Build.props') -Raw)
    ($props.Project.PropertyGroup | Where-Object { $_.ModuleVersion } | Select-Object -First 1).ModuleVersion
}

function Get-ModuleManifestPath {
    Join-Path $PSScriptRoot "out/McpRegistryAuth/$(Get-ModuleVersion)/McpRegistryAuth.psd1"
}

function Invoke-Build {
    dotnet build McpRegistryAuth.sln -c $Configuration | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed with exit code $LASTEXITCODE" }
}

# out/McpRegistryAuth.<version>.nupkg from the module folder as built (tools/ModulePackage.ps1).
function Invoke-Package {
    New-ModulePackage -ModuleFolder (Split-Path (Get-ModuleManifestPath)) -Destination (Join-Path $PSScriptRoot 'out')
}

# The command line that starts this same PowerShell again: under `dotnet pwsh` the process is dotnet
# itself, which needs pwsh.dll as its first argument.
function Get-PwshCommandLine {
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    @($exe)
}

# Pester and the YamlDotNet fixture come through the package source, restored into the NuGet cache.
function Restore-TestPackage {
    $project = Join-Path $PSScriptRoot 'tests/Pester/Packages/PesterPackages.csproj'
    dotnet restore $project --verbosity quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet restore of $project failed with exit code $LASTEXITCODE" }
    $assets = Get-Content -LiteralPath (Join-Path $PSScriptRoot 'tests/Pester/Packages/obj/project.assets.json') -Raw | ConvertFrom-Json
    $cache = @($assets.packageFolders.PSObject.Properties.Name)[0]
    $pester = Join-Path $cache 'pester/5.9.1/tools/Pester.psd1'
    $yaml = Join-Path $cache 'yamldotnet/13.7.1/lib/net6.0/YamlDotNet.dll'
    foreach ($path in $pester, $yaml) {
        if (-not (Test-Path -LiteralPath $path)) { throw "The restore did not produce $path." }
    }
    [pscustomobject]@{ Pester = $pester; YamlDotNet13 = $yaml }
}

# Runs the whole Pester suite in a child pwsh against the module as built in out/, writes NUnit XML
# and a counts file to out/test-results, and returns the counts.
function Invoke-PesterTest {
    $packages = Restore-TestPackage
    $modulePath = Get-ModuleManifestPath
    if (-not (Test-Path -LiteralPath $modulePath)) { Invoke-Build }
    # The package tests install what -Task Package writes, made from this same module folder.
    $env:MCPREGISTRYAUTH_PACKAGE_PATH = (Invoke-Package).FullName
    $null = New-Item -ItemType Directory -Force -Path $ResultsDirectory
    $countsFile = Join-Path $ResultsDirectory 'pester-counts.json'
    Remove-Item -LiteralPath $countsFile -ErrorAction SilentlyContinue
    $env:MCPREGISTRYAUTH_MODULE_PATH = $modulePath
    $env:MCPREGISTRYAUTH_YAMLDOTNET13 = $packages.YamlDotNet13
    $script = @"
Import-Module '$($packages.Pester)'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $PSScriptRoot 'tests/Pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'NUnitXml'
`$config.TestResult.OutputPath = '$(Join-Path $ResultsDirectory 'pester.xml')'
`$config.Should.ErrorAction = 'Stop'
`$run = Invoke-Pester -Configuration `$config
# Container failures (a broken BeforeAll, a script that does not parse) count as failures.
[pscustomobject]@{
    Passed  = `$run.PassedCount
    Failed  = `$run.FailedCount + `$run.FailedBlocksCount + `$run.FailedContainersCount
    Skipped = `$run.SkippedCount + `$run.NotRunCount
    Result  = `$run.Result
} | ConvertTo-Json | Set-Content -LiteralPath '$countsFile'
exit ([int](`$run.Result -ne 'Passed'))
"@
    $pwsh = Get-PwshCommandLine
    # Out-Host: the child's output is the run's log, not this function's result.
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script | Out-Host
    $exitCode = $LASTEXITCODE
    if (-not (Test-Path -LiteralPath $countsFile)) {
        # Pester never reached its summary: that is a failure, not a silent skip.
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0; ExitCode = $exitCode }
    }
    $counts = Get-Content -LiteralPath $countsFile -Raw | ConvertFrom-Json
    [pscustomobject]@{ Passed = $counts.Passed; Failed = $counts.Failed; Skipped = $counts.Skipped; ExitCode = $exitCode }
}

# Runs every xunit test with a TRX logger and returns the counts read from the TRX files.
function Invoke-XunitTest {
    $xunitResults = Join-Path $ResultsDirectory 'xunit'
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $xunitResults
    dotnet test McpRegistryAuth.sln -c $Configuration --logger trx --results-directory $xunitResults | Out-Host
    $exitCode = $LASTEXITCODE
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($trx in Get-ChildItem -LiteralPath $xunitResults -Filter *.trx -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -LiteralPath $trx.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $skipped += [int]$counters.notExecuted
    }
    # A build or host failure leaves no failed test behind: count it, so the run cannot pass.
    if ($exitCode -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped; ExitCode = $exitCode }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Shell' {
        Invoke-Build
        Import-Module (Get-ModuleManifestPath) -Global -Force
        Get-Command -Module McpRegistryAuth | Format-Table -Property CommandType, Name, Version -AutoSize | Out-Host
    }
    'Test' {
        $xunit = Invoke-XunitTest
        $pester = Invoke-PesterTest
        Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
        Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
        $passed = $xunit.Passed + $pester.Passed
        $failed = $xunit.Failed + $pester.Failed
        if ($pester.ExitCode -ne 0 -and $pester.Failed -eq 0) { $failed++ }
        Write-Host "$passed passed, $failed failed, $($xunit.Skipped + $pester.Skipped) skipped"
        if ($failed -ne 0 -or $xunit.Passed -eq 0 -or $pester.Passed -eq 0) { exit 1 }
    }
    'Pester' {
        $pester = Invoke-PesterTest
        Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
        if ($pester.ExitCode -ne 0 -or $pester.Failed -ne 0 -or $pester.Passed -eq 0) { exit 1 }
    }
    'Package' {
        Invoke-Build
        $package = Invoke-Package
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $zip.Entries | Sort-Object FullName | ForEach-Object { Write-Host ('{0,10}  {1}' -f $_.Length, $_.FullName) }
        }
        finally {
            $zip.Dispose()
        }
        Write-Host "Package: $($package.FullName) ($($package.Length) bytes)"
    }
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
