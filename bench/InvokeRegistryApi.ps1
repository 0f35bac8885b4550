#Requires -Version 7.4
<#
.SYNOPSIS
    Measures Invoke-RegistryApi against PowerShell itself, in one pwsh session, on a loopback registry
    (tests/fixtures/registry-api, Node): 1,000 separate GET calls each of Invoke-RegistryApi,
    Invoke-RestMethod, and a raw shared HttpClient driven from the same PowerShell loop; then a
    10,000-item listing with -All, sampling the managed heap as the items stream.
    Not part of .ci/run. Build first (./build.ps1 -Task Build), then:
        dotnet pwsh -NoProfile -File ./bench/InvokeRegistryApi.ps1 [-Calls 1000] [-Rounds 5] [-WarmupCalls 3000]
#>
param(
    [int] $Calls = 1000,
    [int] $Rounds = 5,
    [int] $WarmupCalls = 3000,
    [int] $Items = 10000
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/Pester/TestHelpers.ps1')
. (Join-Path $PSScriptRoot '../tests/Pester/RegistryApiHelpers.ps1')
Import-Module (Get-BuiltModulePath) -Force
$registry = Start-TestRegistry
try {
    $base = $registry.BaseUrl
    $url = "$base/api/config"
    $token = ConvertTo-SecureString $RegistryToken -AsPlainText -Force
    $headers = @{ Authorization = "Bearer $RegistryToken" }
    $client = [System.Net.Http.HttpClient]::new()

    $loops = [ordered]@{
        'Invoke-RegistryApi'           = { for ($i = 0; $i -lt $Calls; $i++) { $null = Invoke-RegistryApi $url -Token $token } }
        'Invoke-RestMethod'            = { for ($i = 0; $i -lt $Calls; $i++) { $null = Invoke-RestMethod $url -Headers $headers } }
        'HttpClient (string)'          = {
            for ($i = 0; $i -lt $Calls; $i++) {
                $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, $url)
                $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $RegistryToken)
                $response = $client.SendAsync($request).GetAwaiter().GetResult()
                $null = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
                $response.Dispose()
            }
        }
        'HttpClient + ConvertFrom-Json' = {
            for ($i = 0; $i -lt $Calls; $i++) {
                $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, $url)
                $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $RegistryToken)
                $response = $client.SendAsync($request).GetAwaiter().GetResult()
                $null = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json
                $response.Dispose()
            }
        }
    }

    # Warm-up: the module's first load, connection pools, and the JIT: .NET compiles each method quickly
    # first and again, optimized, only after it has run a while (tiered compilation), and PowerShell compiles
    # a loop's body after some iterations; without this the first rounds measure the compilers.
    $saved = $Calls
    $Calls = $WarmupCalls
    foreach ($loop in $loops.Values) { & $loop }
    $Calls = $saved

    # Rounds interleave the variants so drift of the machine (other builds) hits each alike; the median round counts.
    $times = @{}
    foreach ($name in $loops.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
    for ($round = 1; $round -le $Rounds; $round++) {
        foreach ($name in $loops.Keys) {
            [GC]::Collect()
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            & $loops[$name]
            $times[$name].Add($watch.Elapsed.TotalMilliseconds)
        }
    }

    $median = @{}
    foreach ($name in $loops.Keys) { $median[$name] = ($times[$name] | Sort-Object)[[int][math]::Floor($Rounds / 2)] }
    $ours = $median['Invoke-RegistryApi']
    "$Calls GET calls per variant, median of $Rounds rounds, loopback registry $base"
    foreach ($name in $loops.Keys) {
        [pscustomobject]@{
            Variant        = $name
            'Total ms'     = [math]::Round($median[$name], 0)
            'us per call'  = [math]::Round($median[$name] * 1000 / $Calls, 0)
            'vs Invoke-RegistryApi' = '{0:0.00}x' -f ($median[$name] / $ours)
        }
    }
    ''
    'Invoke-RestMethod / Invoke-RegistryApi: {0:0.00}x (target >= 4x)' -f ($median['Invoke-RestMethod'] / $ours)
    'Invoke-RegistryApi / raw HttpClient (string): {0:0.00}x (aim 1.3x)' -f ($ours / $median['HttpClient (string)'])
    'Invoke-RegistryApi / raw HttpClient + ConvertFrom-Json: {0:0.00}x' -f ($ours / $median['HttpClient + ConvertFrom-Json'])
    # The ceiling: how much faster than Invoke-RestMethod the raw loop itself is, though it parses no JSON and
    # writes nothing; the 4x target asks Invoke-RegistryApi to come within that much of the raw loop.
    $ceiling = $median['Invoke-RestMethod'] / $median['HttpClient (string)']
    'Ceiling: Invoke-RestMethod / raw HttpClient (string) = {0:0.00}x, so 4x needs Invoke-RegistryApi at {1:0.00}x the raw loop or less' -f $ceiling, ($ceiling / 4)

    # The listing: the heap sampled every 1,000 items as they stream; a growing heap would show the items held.
    ''
    "Invoke-RegistryApi -All over $Items items (pages of 100)"
    $samples = [System.Collections.Generic.List[object]]::new()
    $count = 0
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    Invoke-RegistryApi "/api/servers?total=$Items" -RegistryUrl $base -Token $token -All -Query @{ limit = 100 } | ForEach-Object {
        $count++
        if ($count % 1000 -eq 0) {
            $samples.Add([pscustomobject]@{ Items = $count; 'Heap KB' = [math]::Round([GC]::GetTotalMemory($true) / 1KB, 0) })
        }
    }
    $samples | Format-Table -AutoSize | Out-String -Width 80
    'streamed {0} items in {1:0} ms; heap at item 1,000: {2} KB, at item {3}: {4} KB (growth {5} KB)' -f $count, $watch.Elapsed.TotalMilliseconds,
        $samples[0].'Heap KB', $samples[-1].Items, $samples[-1].'Heap KB', ($samples[-1].'Heap KB' - $samples[0].'Heap KB')
}
finally {
    Stop-TestRegistry $registry
}
