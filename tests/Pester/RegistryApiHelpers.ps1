# Dot-sourced by the Pester tests of Invoke-RegistryApi (and by bench/InvokeRegistryApi.ps1): starts
# tests/fixtures/registry-api/server.mjs, a loopback registry on plain Node (no packages), which accepts
# $RegistryToken on /api/. Stop it with Stop-TestRegistry; it also exits when its stdin closes.
$script:RegistryToken = 'pester-static-token-0123456789abcdef'

# Returns @{ BaseUrl; Process }.
function Start-TestRegistry {
    $registry = Start-NodeFixture registry-api server.mjs $script:RegistryToken -Name 'The test registry' -TimeoutSec 30
    @{ BaseUrl = "http://127.0.0.1:$($registry.Ready.port)"; Process = $registry.Process }
}

function Stop-TestRegistry($Registry) { Stop-NodeFixture $Registry }
