# The loopback gateway registry with state (tests/fixtures/registry/registry.mjs, node's own http module, no npm
# packages) for the server, group and agent cmdlets: started per test file, state in memory.

function Start-TaskRegistry([string] $Token) {
    $start = [System.Diagnostics.ProcessStartInfo]::new('node')
    $start.WorkingDirectory = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures/registry')).Path
    $start.ArgumentList.Add('registry.mjs')
    $start.ArgumentList.Add($Token)
    # stdin stays open: the registry exits when it closes, so it never outlives the test run.
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(60)) -or -not $line.Result) {
        $process.Kill($true)
        throw "The loopback registry did not start: $($process.StandardError.ReadToEnd())"
    }
    $port = ($line.Result | ConvertFrom-Json).port
    @{ BaseUrl = "http://127.0.0.1:$port"; Process = $process }
}

function Stop-TaskRegistry($Registry) {
    if ($Registry -and -not $Registry.Process.HasExited) {
        $Registry.Process.Kill($true)
        $Registry.Process.WaitForExit()
    }
}

# What the registry received since the test began (method, path, content type, If-Match, body).
function Get-TaskRegistryRequest($Registry) {
    # Invoke-RestMethod writes a JSON array as one object; assigned and written, it is enumerated.
    $received = Invoke-RestMethod -Uri "$($Registry.BaseUrl)/__requests"
    $received
}
