#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-McpAccessToken as a user (-Flow DeviceCode, -Flow AuthorizationCode) and with refresh tokens, against
# the real oidc-provider fixture. The command runs in a background job (a child pwsh on the built module),
# the test reads the sign-in instructions from the job's streams as they are written and acts as the user
# with tests/fixtures/idp/act-as-user.mjs (the provider's own pages, then the redirect to the listener).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'IdpHelpers.ps1')
    $script:ModulePath = Get-BuiltModulePath
    Import-Module $ModulePath -Force
    $script:Idp = Start-TokenTestBed $TestDrive
    $script:User = @{ Authority = $Idp.Issuer; ClientId = 'cli-public'; Scope = 'read'; CaCertPath = $Idp.CaFile }
    $script:CachePath = Join-Path $TestDrive 'user/data/McpRegistryAuth/token-cache.json'

    function Set-UserFlow([int] $AccessTtl = 600, [int] $RefreshTtl = 3600, [int] $DeviceTtl = 600, [int] $Interval = 1) {
        $null = Invoke-RestMethod -Method Post -SkipCertificateCheck -Uri "$($Idp.BaseUrl)/test/interactive?accessTtl=$AccessTtl&refreshTtl=$RefreshTtl&deviceTtl=$DeviceTtl&interval=$Interval&slowDown=0"
    }

    # Get-McpAccessToken in a background job (its own pwsh process, this test's home folders inherited).
    function Start-TokenJob([hashtable] $Parameters) {
        Start-Job -ArgumentList $ModulePath, $Parameters -ScriptBlock {
            param($modulePath, $parameters)
            Import-Module $modulePath
            Get-McpAccessToken @parameters | Select-Object Flow, FromCache, Fingerprint, ClientId
        }
    }

    # Every line the job wrote so far on the warning, verbose, debug and error streams.
    function Get-JobText($Job) {
        $child = $Job.ChildJobs[0]
        @($child.Warning) + @($child.Verbose) + @($child.Debug) + @($child.Error) | ForEach-Object { "$_" }
    }

    # The URL the user is told to open, once the job has written it.
    function Wait-SignInUrl($Job, [string] $Pattern) {
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while ([DateTime]::UtcNow -lt $deadline) {
            $match = [regex]::Match((Get-JobText $Job) -join "`n", $Pattern)
            if ($match.Success) { return $match.Groups[1].Value }
            if ($Job.State -in 'Completed', 'Failed', 'Stopped') { throw "The job ended without a sign-in URL: $((Get-JobText $Job) -join "`n")" }
            Start-Sleep -Milliseconds 200
        }
        throw "No sign-in URL within 90 s: $((Get-JobText $Job) -join "`n")"
    }

    # -Decline: the user says no where the provider's pages offer it (device confirmation: Abort; consent: Deny).
    function Invoke-ActAsUser([string] $Url, [switch] $Decline) {
        $saved = $env:NODE_EXTRA_CA_CERTS
        $env:NODE_EXTRA_CA_CERTS = $Idp.CaFile
        $options = @(if ($Decline) { '--decline' })
        try { node (Join-Path $PSScriptRoot '../fixtures/idp/act-as-user.mjs') @options $Url | ConvertFrom-Json }
        finally { $env:NODE_EXTRA_CA_CERTS = $saved }
    }

    function Get-CachedUserToken {
        $partitions = (Get-Content -LiteralPath $CachePath -Raw | ConvertFrom-Json).partitions
        ($partitions.PSObject.Properties.Value | Where-Object client_id -EQ 'cli-public' | Select-Object -First 1).token
    }

    # The terminating error the job ended with, as Receive-Job hands it back.
    function Get-JobFailure($Job) {
        $null = $Job | Wait-Job -Timeout 60
        $Job.State | Should -Be 'Failed'
        try { $Job | Receive-Job -ErrorAction Stop -WarningAction SilentlyContinue 3>$null 4>$null 5>$null; throw 'the job wrote no error' } catch { $_ }
    }

    # Invoke-RestMethod writes a JSON array as one object: @(...) of it counts 1 whatever the array holds.
    function Get-DevicePollCount {
        $polls = Invoke-RestMethod -SkipCertificateCheck -Uri "$($Idp.BaseUrl)/test/device-polls"
        @($polls | ForEach-Object { $_ }).Count
    }

    $script:DeviceUrl = '\(or open (https://\S+/device\?user_code=[A-Z-]+)\)'
    $script:AuthorizeUrl = '(https://127\.0\.0\.1:\d+/auth\?\S+)'
}

AfterAll {
    Get-Job | Remove-Job -Force -ErrorAction SilentlyContinue
    Stop-TokenTestBed $Idp
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Get-McpAccessToken -Flow DeviceCode' {
    BeforeEach { Set-UserFlow }

    It 'writes the URL and user code while it waits (under -Debug to the debug stream, no prompt); the user approves on the provider''s pages' {
        $job = Start-TokenJob ($User + @{ Flow = 'DeviceCode'; Verbose = $true; Debug = $true })
        $url = Wait-SignInUrl $job $DeviceUrl
        (Get-JobText $job) -match '^\[warning\] To sign in, open https://\S+/device and enter the code [A-Z]{4}-[A-Z]{4}' | Should -Not -BeNullOrEmpty
        (Invoke-ActAsUser $url).title | Should -Be 'Sign-in Success'
        $result = $job | Wait-Job -Timeout 60 | Receive-Job 3>$null 4>$null 5>$null
        $job.State | Should -Be 'Completed'
        $result.Flow | Should -Be 'DeviceCode'
        $result.FromCache | Should -BeFalse

        $cached = Get-CachedUserToken
        $cached.refresh_token | Should -Not -BeNullOrEmpty
        if (-not $IsWindows) { (Get-Item -LiteralPath $CachePath).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
        $text = (Get-JobText $job) -join "`n"
        $text | Should -Not -BeLike "*$($cached.access_token)*"
        $text | Should -Not -BeLike "*$($cached.refresh_token)*"
        $text | Should -Not -Match 'device_code='
    }

    It 'renews silently with the refresh token before expiry, and answers from the cache without a request when valid' {
        $renewed = Get-McpAccessToken @User -Flow DeviceCode -RefreshMarginSec 3000
        $renewed.Flow | Should -Be 'RefreshToken'
        $renewed.FromCache | Should -BeFalse
        $before = Get-TestIdpRequestCount $Idp
        $cached = Get-McpAccessToken @User -Flow DeviceCode -RefreshMarginSec 0
        $cached.FromCache | Should -BeTrue
        $cached.Fingerprint | Should -Be $renewed.Fingerprint
        (Get-TestIdpRequestCount $Idp).Count | Should -Be $before.Count
    }

    It 'shows the user''s token in the default view within 80 columns, in a child pwsh with -Verbose -Debug' {
        $call = "Get-McpAccessToken -Authority '$($Idp.Issuer)' -ClientId cli-public -Scope read -CaCertPath '$($Idp.CaFile)' -Flow DeviceCode -RefreshMarginSec 0"
        $lines = Invoke-ChildPwsh "Import-Module '$ModulePath'; $call -Verbose -Debug *>&1 | Out-String -Width 200; '--- view ---'; $call | Out-String -Width 80"
        $at = [array]::IndexOf($lines, '--- view ---')
        $streams = $lines[0..($at - 1)] -join "`n"
        $view = $lines[($at + 1)..($lines.Count - 1)]
        $streams | Should -Match 'from the cache'
        ($view -join "`n") | Should -Match 'Oidc DeviceCode, cached'
        $view | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $cached = Get-CachedUserToken
        $lines -join "`n" | Should -Not -BeLike "*$($cached.access_token)*"
        $lines -join "`n" | Should -Not -BeLike "*$($cached.refresh_token)*"
    }

    It 'names the flow in a profile (Set-McpProfile -Flow)' {
        Set-McpProfile -Name me -Authority $Idp.Issuer -ClientId cli-public -Scope read -CaCertPath $Idp.CaFile -Flow DeviceCode
        (Get-McpProfile -Name me).Flow | Should -Be 'DeviceCode'
        $token = Get-McpAccessToken -Profile me -RefreshMarginSec 0
        $token.FromCache | Should -BeTrue
        $token.ClientId | Should -Be 'cli-public'
    }

    It 'explains a refresh token refused after revocation as RefreshTokenRejected with the next step' {
        $refresh = (Get-CachedUserToken).refresh_token
        $null = Invoke-RestMethod -Method Post -SkipCertificateCheck -Uri "$($Idp.BaseUrl)/token/revocation" -Body @{ token = $refresh; client_id = 'cli-public' }
        $err = { Get-McpAccessToken @User -Flow DeviceCode -RefreshMarginSec 3000 } | Should -Throw -ErrorId 'RefreshTokenRejected,McpRegistryAuth.Commands.GetMcpAccessTokenCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Run the same command again to sign in'
        "$err" | Should -Match 'revoked'
        "$err" | Should -Not -BeLike "*$refresh*"
        (Get-CachedUserToken).refresh_token | Should -BeNullOrEmpty
    }

    It 'ends with DeviceCodeExpired when nobody approves before expires_in' {
        Set-UserFlow -DeviceTtl 3
        $err = { Get-McpAccessToken @User -Flow DeviceCode -ForceRefresh -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'DeviceCodeExpired,McpRegistryAuth.Commands.GetMcpAccessTokenCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'ends with SignInDeclined when the user aborts on the provider''s confirmation page (access_denied)' {
        $job = Start-TokenJob ($User + @{ Flow = 'DeviceCode'; ForceRefresh = $true; WarningAction = 'Continue' })
        $url = Wait-SignInUrl $job $DeviceUrl
        $null = Invoke-ActAsUser $url -Decline
        $err = Get-JobFailure $job
        $err.FullyQualifiedErrorId | Should -Be 'SignInDeclined,McpRegistryAuth.Commands.GetMcpAccessTokenCommand'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.ErrorDetails.RecommendedAction | Should -Match 'approve the request'
        "$err" | Should -Match 'declined \(access_denied'
    }

    It 'stops cleanly on Ctrl+C (Stop-Job) during the wait, and polling ends' {
        $job = Start-TokenJob ($User + @{ Flow = 'DeviceCode'; ForceRefresh = $true; WarningAction = 'Continue' })
        $null = Wait-SignInUrl $job $DeviceUrl
        Start-Sleep -Seconds 2
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $job | Stop-Job
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $job.State | Should -Be 'Stopped'
        $polls = Get-DevicePollCount
        $polls | Should -BeGreaterThan 1
        Start-Sleep -Seconds 3
        Get-DevicePollCount | Should -Be $polls
    }
}

Describe 'Get-McpAccessToken -Flow AuthorizationCode' {
    BeforeEach { Set-UserFlow }

    It 'writes the URL with -NoBrowser; the browser follows the redirect to the listener on -RedirectPort, which answers and closes' {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $job = Start-TokenJob ($User + @{ Flow = 'AuthorizationCode'; NoBrowser = $true; RedirectPort = $port; ForceRefresh = $true; Verbose = $true; WarningAction = 'Continue' })
        $url = Wait-SignInUrl $job $AuthorizeUrl
        $url | Should -Match "redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A$port%2Fcallback"
        $url | Should -Match 'code_challenge_method=S256'
        $url | Should -Match '&state=[A-Za-z0-9_-]+'
        $url | Should -Match '&nonce=[A-Za-z0-9_-]+'
        $browser = Invoke-ActAsUser $url
        $browser.status | Should -Be 200
        $browser.body | Should -Match 'Signed in\. You can close this window'
        $result = $job | Wait-Job -Timeout 60 | Receive-Job 3>$null 4>$null 5>$null
        $result.Flow | Should -Be 'AuthorizationCode'
        { [Net.Sockets.TcpClient]::new('127.0.0.1', $port) } | Should -Throw
        $cached = Get-CachedUserToken
        ((Get-JobText $job) -join "`n") | Should -Not -BeLike "*$($cached.refresh_token)*"
    }

    It 'ends with SignInDeclined when the user denies on the consent page: the listener shows the failure, the error names the next step' {
        $job = Start-TokenJob ($User + @{ Flow = 'AuthorizationCode'; NoBrowser = $true; ForceRefresh = $true; WarningAction = 'Continue' })
        $url = Wait-SignInUrl $job $AuthorizeUrl
        $browser = Invoke-ActAsUser $url -Decline
        $browser.status | Should -Be 400
        $browser.body | Should -Match 'The sign-in failed \(access_denied\)'
        $err = Get-JobFailure $job
        $err.FullyQualifiedErrorId | Should -Be 'SignInDeclined,McpRegistryAuth.Commands.GetMcpAccessTokenCommand'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.ErrorDetails.RecommendedAction | Should -Match 'approve the request'
        "$err" | Should -Match 'access_denied: The user declined the request'
    }

    It 'waits for the browser as long as -SignInTimeoutSec says, then ends with SignInTimeout naming what to do' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = { Get-McpAccessToken @User -Flow AuthorizationCode -NoBrowser -ForceRefresh -SignInTimeoutSec 2 -WarningAction SilentlyContinue -Verbose 4>&1 | Out-Null } |
            Should -Throw -ErrorId 'SignInTimeout,McpRegistryAuth.Commands.GetMcpAccessTokenCommand' -PassThru
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        "$err" | Should -Match 'within 2 s \(-SignInTimeoutSec\)'
        $err.ErrorDetails.RecommendedAction | Should -Match 'raise -SignInTimeoutSec'
    }
}
