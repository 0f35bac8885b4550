#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-McpAccessToken -Provider Entra -Flow DeviceCode goes through MSAL (in the module's private load
# context) against tests/fixtures/entra/entra.mjs, which answers as Entra ID's v2 endpoints for a tenant on
# 127.0.0.1 over HTTPS. The command runs in a background job (a child pwsh on the built module); the test
# reads the code from the job's warning and answers as the user at the fixture's verification page.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'IdpHelpers.ps1')
    $script:ModulePath = Get-BuiltModulePath
    Import-Module $ModulePath -Force
    $script:SavedHome = Enter-IsolatedHome (Join-Path $TestDrive 'user')
    $files = New-TestCertificateFiles (New-Item -ItemType Directory (Join-Path $TestDrive 'entra')).FullName
    $script:Entra = Start-NodeFixture entra entra.mjs @($files.Cert, $files.Key) -Name 'The Entra fixture' -TimeoutSec 30
    $script:BaseUrl = "https://127.0.0.1:$($Entra.Ready.port)"
    $script:User = @{
        Authority = "$BaseUrl/$($Entra.Ready.tenant)/v2.0"; Provider = 'Entra'; ClientId = '3f8e2a1b-6c4d-4e5f-a7b8-9c0d1e2f3a4b'
        Scope = 'api://mcp-registry/user_impersonation'; CaCertPath = $files.Ca; Flow = 'DeviceCode'
    }
    $script:CachePath = Join-Path $TestDrive 'user/data/McpRegistryAuth/token-cache.json'

    function Set-EntraFixture([int] $Interval = 1, [int] $ExpiresIn = 900, [int] $SlowDown = 0) {
        $null = Invoke-RestMethod -Method Post -SkipCertificateCheck -Uri "$BaseUrl/test/config?interval=$Interval&expiresIn=$ExpiresIn&slowDown=$SlowDown"
    }

    function Start-TokenJob([hashtable] $Parameters) {
        Start-Job -ArgumentList $ModulePath, $Parameters -ScriptBlock {
            param($modulePath, $parameters)
            Import-Module $modulePath
            Get-McpAccessToken @parameters | Select-Object Flow, FromCache, Fingerprint, ClientId, Provider
        }
    }

    function Get-JobText($Job) {
        $child = $Job.ChildJobs[0]
        @($child.Warning) + @($child.Verbose) + @($child.Debug) + @($child.Error) | ForEach-Object { "$_" }
    }

    # The user code the job's warning names, once written (under -Debug alone, a "[warning]" debug line).
    function Wait-UserCode($Job) {
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while ([DateTime]::UtcNow -lt $deadline) {
            $match = [regex]::Match((Get-JobText $Job) -join "`n", 'open https://127\.0\.0\.1:\d+/devicelogin and enter the code ([A-Z0-9]{9})')
            if ($match.Success) { return $match.Groups[1].Value }
            if ($Job.State -in 'Completed', 'Failed', 'Stopped') { throw "The job ended without a code: $((Get-JobText $Job) -join "`n")" }
            Start-Sleep -Milliseconds 200
        }
        throw "No code within 90 s: $((Get-JobText $Job) -join "`n")"
    }

    # The user at the verification page: approves, or declines as Entra says it (authorization_declined).
    function Send-UserAnswer([string] $UserCode, [string] $Decision = 'approved') {
        $null = Invoke-RestMethod -Method Post -SkipCertificateCheck -Uri "$BaseUrl/devicelogin" -Body @{ user_code = $UserCode; decision = $Decision }
    }

    function Get-JobFailure($Job) {
        $null = $Job | Wait-Job -Timeout 60
        $Job.State | Should -Be 'Failed'
        try { $Job | Receive-Job -ErrorAction Stop -WarningAction SilentlyContinue 3>$null 4>$null 5>$null; throw 'the job wrote no error' } catch { $_ }
    }

    # Every device-code poll so far, one object each (the JSON array unrolled).
    function Get-Polls {
        $all = Invoke-RestMethod -SkipCertificateCheck -Uri "$BaseUrl/test/polls"
        , @($all | ForEach-Object { $_ })
    }

    function Get-MsalPartition {
        $partitions = (Get-Content -LiteralPath $CachePath -Raw | ConvertFrom-Json).partitions
        $partitions.PSObject.Properties.Value | Where-Object client_id -EQ $User.ClientId | Select-Object -First 1
    }
}

AfterAll {
    Get-Job | Remove-Job -Force -ErrorAction SilentlyContinue
    Stop-NodeFixture $Entra
    Exit-IsolatedHome $SavedHome
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Get-McpAccessToken -Provider Entra -Flow DeviceCode (MSAL)' {
    BeforeEach { Set-EntraFixture }

    It 'writes MSAL''s code as a warning on the pipeline thread (under -Debug to the debug stream, no prompt); the token and MSAL''s cache land in the token cache' {
        $job = Start-TokenJob ($User + @{ Verbose = $true; Debug = $true })
        $code = Wait-UserCode $job
        Send-UserAnswer $code
        $result = $job | Wait-Job -Timeout 60 | Receive-Job 3>$null 4>$null 5>$null
        $job.State | Should -Be 'Completed'
        $result.Flow | Should -Be 'DeviceCode'
        $result.Provider | Should -Be 'Entra'
        $result.FromCache | Should -BeFalse
        $text = (Get-JobText $job) -join "`n"
        $text | Should -Match '(?m)^\[warning\] To sign in, open https://\S+/devicelogin and enter the code [A-Z0-9]{9}\. The code expires at'
        $text | Should -Match 'through MSAL with Entra authority'
        $text | Should -Match 'MSAL Info'
        $partition = Get-MsalPartition
        $partition.flow | Should -Be 'DeviceCode'
        @($partition.msal.RefreshToken.PSObject.Properties).Count | Should -Be 1
        foreach ($secret in @($partition.msal.RefreshToken.PSObject.Properties.Value.secret) + @($partition.msal.AccessToken.PSObject.Properties.Value.secret)) {
            $text | Should -Not -BeLike "*$secret*"
        }
        if (-not $IsWindows) { (Get-Item -LiteralPath $CachePath).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
    }

    It 'renews silently through MSAL with the cached refresh token, then answers from the cache without a request' {
        $renewed = Get-McpAccessToken @User -RefreshMarginSec 86400 -SignInTimeoutSec 10
        $renewed.Flow | Should -Be 'RefreshToken'
        $renewed.FromCache | Should -BeFalse
        $cached = Get-McpAccessToken @User -RefreshMarginSec 0 -SignInTimeoutSec 10
        $cached.FromCache | Should -BeTrue
        $cached.Fingerprint | Should -Be $renewed.Fingerprint
    }

    It 'explains a revoked refresh token as RefreshTokenRejected with Entra''s AADSTS code, and drops MSAL''s cache' {
        $null = Invoke-RestMethod -Method Post -SkipCertificateCheck -Uri "$BaseUrl/test/revoke"
        $err = { Get-McpAccessToken @User -RefreshMarginSec 86400 -SignInTimeoutSec 10 } | Should -Throw -ErrorId 'RefreshTokenRejected,McpRegistryAuth.Commands.GetMcpAccessTokenCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$err" | Should -Match 'AADSTS50173'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Run the same command again to sign in'
        (Get-MsalPartition).msal | Should -BeNullOrEmpty
    }

    It 'ends with SignInDeclined when the user declines at the verification page' {
        $job = Start-TokenJob ($User + @{ ForceRefresh = $true; WarningAction = 'Continue' })
        Send-UserAnswer (Wait-UserCode $job) 'authorization_declined'
        $err = Get-JobFailure $job
        $err.FullyQualifiedErrorId | Should -Be 'SignInDeclined,McpRegistryAuth.Commands.GetMcpAccessTokenCommand'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.ErrorDetails.RecommendedAction | Should -Match 'approve the request'
    }

    It 'honours slow_down for MSAL: the poll after it comes 5 s later than the interval' {
        Set-EntraFixture -SlowDown 1
        $before = (Get-Polls).Count
        $job = Start-TokenJob ($User + @{ ForceRefresh = $true; WarningAction = 'Continue'; Verbose = $true })
        $code = Wait-UserCode $job
        Start-Sleep -Seconds 3
        Send-UserAnswer $code
        $result = $job | Wait-Job -Timeout 60 | Receive-Job 3>$null 4>$null 5>$null
        $result.Flow | Should -Be 'DeviceCode'
        $polls = @((Get-Polls) | Select-Object -Skip $before)
        $polls[0].answer | Should -Be 'slow_down'
        ($polls[1].at - $polls[0].at) | Should -BeGreaterOrEqual 5800
        ((Get-JobText $job) -join "`n") | Should -Match 'slow_down\): every 6 s'
    }

    It 'stops cleanly on Ctrl+C (Stop-Job) while MSAL polls, and polling ends' {
        $job = Start-TokenJob ($User + @{ ForceRefresh = $true; WarningAction = 'Continue' })
        $null = Wait-UserCode $job
        Start-Sleep -Seconds 2
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $job | Stop-Job
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $job.State | Should -Be 'Stopped'
        $polls = (Get-Polls).Count
        $polls | Should -BeGreaterThan 1
        Start-Sleep -Seconds 3
        (Get-Polls).Count | Should -Be $polls
    }

    It 'ends with DeviceCodeExpired when nobody approves within the code''s expires_in' {
        Set-EntraFixture -ExpiresIn 3
        $err = { Get-McpAccessToken @User -ForceRefresh -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'DeviceCodeExpired,McpRegistryAuth.Commands.GetMcpAccessTokenCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
    }
}
