# The loopback gateway registry with state (tests/fixtures/registry/registry.mjs, node's own http module, no npm
# packages) for the server, group and agent cmdlets: started per test file, state in memory.

function Start-TaskRegistry([string] $Token) {
    $registry = Start-NodeFixture registry registry.mjs $Token -Name 'The loopback registry'
    @{ BaseUrl = "http://127.0.0.1:$($registry.Ready.port)"; Process = $registry.Process }
}

function Stop-TaskRegistry($Registry) { Stop-NodeFixture $Registry }

# What the registry received since the test began (method, path, content type, If-Match, body).
function Get-TaskRegistryRequest($Registry) {
    # Invoke-RestMethod writes a JSON array as one object; assigned and written, it is enumerated.
    $received = Invoke-RestMethod -Uri "$($Registry.BaseUrl)/__requests"
    $received
}
