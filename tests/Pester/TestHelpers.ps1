# Dot-sourced by every *.Tests.ps1: finds the built module (build.ps1 passes its path in
# MCPREGISTRYAUTH_MODULE_PATH; otherwise the newest out/McpRegistryAuth/<version>/).
function Get-BuiltModulePath {
    if ($env:MCPREGISTRYAUTH_MODULE_PATH) { return $env:MCPREGISTRYAUTH_MODULE_PATH }
    $root = Join-Path $PSScriptRoot '../../out/McpRegistryAuth'
    $manifest = Get-ChildItem -Path $root -Filter McpRegistryAuth.psd1 -Recurse -ErrorAction SilentlyContinue |
        Sort-Object { [version]$_.Directory.Name } -Descending |
        Select-Object -First 1
    if (-not $manifest) { throw "The module is not built: run 'dotnet build' first (looked in $root)." }
    $manifest.FullName
}

function ConvertTo-PlainText([securestring] $Secure) {
    [System.Net.NetworkCredential]::new('', $Secure).Password
}

# Runs a script in a new process of this same PowerShell (under `dotnet pwsh` the process is dotnet,
# which takes pwsh.dll first) and returns its output; $LASTEXITCODE is the child's exit code.
# $Environment sets variables for the child only (it inherits this process's environment, which is
# restored afterwards).
function Invoke-ChildPwsh([string] $Command, [hashtable] $Environment = @{}) {
    $exe = [Environment]::ProcessPath
    [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        & $exe @prefix -NoProfile -NonInteractive -Command $Command
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

# The package build.ps1 made from the built module before the Pester run (it passes the path in
# MCPREGISTRYAUTH_PACKAGE_PATH); otherwise out/McpRegistryAuth.<version>.nupkg for the built module.
function Get-BuiltPackagePath {
    if ($env:MCPREGISTRYAUTH_PACKAGE_PATH) { return $env:MCPREGISTRYAUTH_PACKAGE_PATH }
    $version = (Import-PowerShellDataFile -LiteralPath (Get-BuiltModulePath)).ModuleVersion
    $package = Join-Path $PSScriptRoot "../../out/McpRegistryAuth.$version.nupkg"
    if (-not (Test-Path -LiteralPath $package)) { throw "The package is not built: run './build.ps1 -Task Package' first (looked for $package)." }
    $package
}

# YamlDotNet 13.7.1 as another module would ship it: restored from the package source by build.ps1
# (tests/Pester/Packages), which passes its path in MCPREGISTRYAUTH_YAMLDOTNET13.
function Get-OldYamlDotNetPath {
    if ($env:MCPREGISTRYAUTH_YAMLDOTNET13) { return $env:MCPREGISTRYAUTH_YAMLDOTNET13 }
    throw 'MCPREGISTRYAUTH_YAMLDOTNET13 is not set: run the Pester tests through build.ps1 -Task Pester, which restores YamlDotNet 13.7.1 from the package source.'
}

# Starts a Node fixture (tests/fixtures/<Folder>) and waits for the one JSON line it prints when it listens.
# Its stdin stays open while the test runs: every fixture exits when stdin closes, so none outlives the run.
# Returns @{ Ready = <the parsed line>; Process }.
function Start-NodeFixture([string] $Folder, [string] $Script, [string[]] $Arguments = @(), [string] $Name, [int] $TimeoutSec = 60, [hashtable] $Environment = @{}) {
    $directory = (Resolve-Path (Join-Path $PSScriptRoot "../fixtures/$Folder")).Path
    # A fixture with npm packages installs them from its lockfile the first time (.ci/run has done it already).
    if ((Test-Path -LiteralPath (Join-Path $directory 'package-lock.json')) -and -not (Test-Path -LiteralPath (Join-Path $directory 'node_modules/.package-lock.json'))) {
        Push-Location $directory
        try { npm ci --no-audit --no-fund --loglevel=error | Out-Null } finally { Pop-Location }
    }
    $start = [System.Diagnostics.ProcessStartInfo]::new('node')
    $start.WorkingDirectory = $directory
    $start.ArgumentList.Add($Script)
    foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
    foreach ($variable in $Environment.GetEnumerator()) { $start.Environment[$variable.Key] = $variable.Value }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds($TimeoutSec)) -or -not $line.Result) {
        $process.Kill($true)
        throw "$Name did not start: $($process.StandardError.ReadToEnd())"
    }
    @{ Ready = ($line.Result | ConvertFrom-Json); Process = $process }
}

# Stops what Start-NodeFixture started (anything with a Process member), if it still runs.
function Stop-NodeFixture($Fixture) {
    if ($Fixture -and -not $Fixture.Process.HasExited) {
        $Fixture.Process.Kill($true)
        $Fixture.Process.WaitForExit()
    }
}

# Runs $Body in a child pwsh in $TestDrive with the built module imported, after $Prelude (functions and
# variables the body uses). Every stream comes back as text, one record a line prefixed with its stream
# (OUTPUT records formatted at 80 columns), and the body's $result hashtable as JSON on a line 'RESULT '.
# Returns Lines, Text and Result.
function Invoke-TaggedChild([string] $Body, [string] $Prelude = '') {
    $script = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content -LiteralPath $script -Value @"
`$ErrorActionPreference = 'Continue'
Import-Module '$(Get-BuiltModulePath)'
Set-Location '$TestDrive'
$Prelude
`$result = @{}
& { $Body } *>&1 | ForEach-Object {
    switch (`$_) {
        { `$_ -is [System.Management.Automation.VerboseRecord] } { "VERBOSE `$(`$_.Message)"; break }
        { `$_ -is [System.Management.Automation.DebugRecord] } { "DEBUG `$(`$_.Message)"; break }
        { `$_ -is [System.Management.Automation.WarningRecord] } { "WARNING `$(`$_.Message)"; break }
        { `$_ -is [System.Management.Automation.ErrorRecord] } { "ERROR `$(`$_.FullyQualifiedErrorId) `$(`$_.Exception.Message)"; break }
        default { "OUTPUT `$(`$_ | Out-String -Width 80)" }
    }
}
'RESULT ' + (`$result | ConvertTo-Json -Compress -Depth 4)
"@
    $lines = @(Invoke-ChildPwsh "& '$script'")
    @{ Lines = $lines; Text = ($lines -join "`n"); Result = (($lines | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1).Substring(7) | ConvertFrom-Json) }
}
