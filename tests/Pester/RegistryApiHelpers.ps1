# Dot-sourced by the Pester tests of Invoke-RegistryApi (and by bench/InvokeRegistryApi.ps1): starts
# tests/fixtures/registry-api/server.mjs, a loopback registry on plain Node (no packages), which accepts
# $RegistryToken on /api/. Stop it with Stop-TestRegistry; it also exits when its stdin closes.
$script:RegistryToken = 'pester-static-token-0123456789abcdef'

# Returns @{ BaseUrl; Process }.
function Start-TestRegistry {
    $fixture = Join-Path $PSScriptRoot '../fixtures/registry-api'
    $start = [System.Diagnostics.ProcessStartInfo]::new('node')
    $start.WorkingDirectory = (Resolve-Path $fixture).Path
    $start.ArgumentList.Add('server.mjs')
    $start.ArgumentList.Add($script:RegistryToken)
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(30)) -or -not $line.Result) {
        $process.Kill($true)
        throw "The test registry did not start: $($process.StandardError.ReadToEnd())"
    }
    @{ BaseUrl = "http://127.0.0.1:$(($line.Result | ConvertFrom-Json).port)"; Process = $process }
}

function Stop-TestRegistry($Registry) {
    if ($Registry -and -not $Registry.Process.HasExited) {
        $Registry.Process.Kill($true)
        $Registry.Process.WaitForExit()
    }
}
