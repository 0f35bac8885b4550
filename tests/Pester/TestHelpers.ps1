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
