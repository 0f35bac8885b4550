#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-McpAccessToken, the token cache and the profiles against the real oidc-provider fixture (and its
# Cognito-shaped token endpoint), with home, config and data folders inside $TestDrive.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'IdpHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Idp = Start-TokenTestBed $TestDrive
    $script:Secret = $Idp.Secret
    $script:Basic = @{ Authority = $Idp.Issuer; ClientId = 'rs256-client'; ClientSecret = $Secret; Scope = 'read'; CaCertPath = $Idp.CaFile }
    $script:CachePath = Join-Path $TestDrive 'user/data/McpRegistryAuth/token-cache.json'
    $script:ProfilesPath = Join-Path $TestDrive 'user/config/McpRegistryAuth/profiles.json'
}

AfterAll {
    Stop-TokenTestBed $Idp
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Get-McpAccessToken' {
    It 'returns a token object whose Token is a SecureString and whose Fingerprint is the token''s' {
        $token = Get-McpAccessToken @Basic -ForceRefresh
        $token.Token | Should -BeOfType [securestring]
        $plain = ConvertTo-PlainText $token.Token
        $token.Fingerprint | Should -Be ([Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($plain)))).Substring(0, 8).ToLowerInvariant()
        $token.Issuer | Should -Be $Idp.Issuer
        $token.Audience | Should -Be @('https://registry.test')
        $token.ExpiresOn.Offset | Should -Be ([TimeSpan]::Zero)
        $token.Flow | Should -Be 'ClientCredentials'
        "$token" | Should -Be "<token $($token.Fingerprint)>"
    }

    It 'keeps the cache in the user data folder, mode 0600, and answers from it without a request' {
        $first = Get-McpAccessToken @Basic
        $before = Get-TestIdpRequestCount $Idp
        $second = Get-McpAccessToken @Basic
        $after = Get-TestIdpRequestCount $Idp
        $second.FromCache | Should -BeTrue
        $second.Fingerprint | Should -Be $first.Fingerprint
        ($after.Keys | ForEach-Object { "$_=$($after[$_])" }) -join ',' | Should -Be (($before.Keys | ForEach-Object { "$_=$($before[$_])" }) -join ',')
        if (-not $IsWindows) { (Get-Item -LiteralPath $CachePath).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
        Get-Content -LiteralPath $CachePath -Raw | Should -Not -BeLike "*$IdpClientSecret*"
    }

    It 'returns the token, the header line or the header JSON only with -AsPlainText' {
        $plain = Get-McpAccessToken @Basic -AsPlainText
        $plain | Should -BeOfType [string]
        Get-McpAccessToken @Basic -As Header -AsPlainText | Should -Be "Authorization: Bearer $plain"
        Get-McpAccessToken @Basic -As Header -AsPlainText -RegistryType Gateway -RegistryUri 'https://gw.example/agent/travel/planner' | Should -Be "X-Authorization: Bearer $plain"
        (Get-McpAccessToken @Basic -As HeaderJson -AsPlainText | ConvertFrom-Json).Authorization | Should -Be "Bearer $plain"
        { Get-McpAccessToken @Basic -As Header } | Should -Throw -ErrorId 'AsPlainTextRequired,McpRegistryAuth.Commands.GetMcpAccessTokenCommand'
    }

    It 'takes the client id and secret from -Credential, and the secret from -ClientSecretFile' {
        $credential = [pscredential]::new('post-client', $Secret)
        (Get-McpAccessToken -Authority $Idp.Issuer -Credential $credential -ClientAuthentication ClientSecretPost -Scope read -CaCertPath $Idp.CaFile -NoCache).ClientId | Should -Be 'post-client'
        $file = Join-Path $TestDrive 'secret.txt'
        Set-Content -LiteralPath $file -Value $IdpClientSecret
        (Get-McpAccessToken -Authority $Idp.Issuer -ClientId rs256-client -ClientSecretFile $file -Scope write -CaCertPath $Idp.CaFile -NoCache).Scopes | Should -Be @('write')
    }

    It 'signs a private_key_jwt assertion with -PrivateKeyPath' {
        (Get-McpAccessToken -Authority $Idp.Issuer -ClientId jwt-client -PrivateKeyPath $Idp.KeyPath -Scope read -CaCertPath $Idp.CaFile -NoCache).ClientId | Should -Be 'jwt-client'
    }

    It 'asks Cognito''s token endpoint on the user-pool domain without discovery' {
        $token = Get-McpAccessToken -Provider Cognito -Authority $Idp.BaseUrl -ClientId cognito-client -ClientSecret $Secret -Scope registry/read -CaCertPath $Idp.CaFile -NoCache
        $token.Provider | Should -Be 'Cognito'
        $token.Scopes | Should -Be @('registry/read')
        $token.Audience | Should -BeNullOrEmpty
    }

    It 'explains a wrong secret as TokenClientRejected with a fix, and shows no secret' {
        $wrong = ConvertTo-SecureString 'pester-wrong-secret-31a7' -AsPlainText -Force
        $record = $null
        try { Get-McpAccessToken @Basic -ClientSecret $wrong -ErrorAction Stop } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -Be 'TokenClientRejected,McpRegistryAuth.Commands.GetMcpAccessTokenCommand'
        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $record.ErrorDetails.RecommendedAction | Should -BeLike '*-ClientAuthentication*'
        "$record $($record.ErrorDetails.RecommendedAction)" | Should -Not -BeLike '*pester-wrong-secret-31a7*'
    }

    It 'explains a scope the client may not have as TokenScopeNotAllowed' {
        { Get-McpAccessToken @Basic -Scope admin -ErrorAction Stop } | Should -Throw -ErrorId 'TokenScopeNotAllowed,McpRegistryAuth.Commands.GetMcpAccessTokenCommand'
    }

    It 'a token longer than a SecureString holds is a TokenTooLongForSecureString error without the token, and -AsPlainText returns it' {
        $null = Get-McpAccessToken @Basic -ForceRefresh
        # The IdP's token in the cache becomes one of 70,000 characters; the next call answers from the cache.
        $bytes = [byte[]]::new(52500); [Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
        $long = [Convert]::ToBase64String($bytes).Replace('+', '-').Replace('/', '_')
        $cache = Get-Content -LiteralPath $CachePath -Raw | ConvertFrom-Json -AsHashtable
        foreach ($partition in $cache.partitions.Values) {
            if ($partition.token) { $partition.token.access_token = $long }
            if ($partition.msal.AccessToken) { foreach ($item in $partition.msal.AccessToken.Values) { $item.secret = $long } }
        }
        [IO.File]::WriteAllText($CachePath, ($cache | ConvertTo-Json -Depth 20))
        $refused = $null
        $records = try { Get-McpAccessToken @Basic -Verbose -Debug *>&1 } catch { $refused = $_ }
        $refused.FullyQualifiedErrorId | Should -Be 'TokenTooLongForSecureString,McpRegistryAuth.Commands.GetMcpAccessTokenCommand'
        $refused.Exception.Message | Should -BeLike '*70000 characters*65536*'
        $text = ($records | Out-String -Width 500) + ($refused | Format-List * -Force | Out-String -Width 500) + $refused.Exception.ToString() + (ConvertTo-Json -InputObject $refused -Depth 3 -WarningAction SilentlyContinue)
        $text | Should -Not -BeLike "*$($long.Substring(30000, 24))*"
        Get-McpAccessToken @Basic -AsPlainText | Should -BeExactly $long
        $null = Get-McpAccessToken @Basic -ForceRefresh -AsPlainText  # the cache holds the IdP's own token again
    }

    It 'writes no secret and no token to any stream with -Verbose -Debug' {
        $records = Get-McpAccessToken @Basic -ForceRefresh -Verbose -Debug -WarningAction Continue *>&1
        $token = $records | Where-Object { $_ -is [McpRegistryAuth.Output.McpAccessToken] }
        $plain = ConvertTo-PlainText $token.Token
        @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0
        $text = ($records | ForEach-Object { if ($_ -is [System.Management.Automation.InformationalRecord]) { $_.Message } else { $_ | Out-String; $_ | ConvertTo-Json -Depth 4 } }) -join "`n"
        $text | Should -Not -BeLike "*$IdpClientSecret*"
        $text | Should -Not -BeLike "*$plain*"
        $text | Should -BeLike "*$($token.Fingerprint)*"
    }

    It 'gives 8 processes asking at once one token and one consistent cache' {
        $child = @"
Import-Module '$(Get-BuiltModulePath)'
Get-McpAccessToken -Authority '$($Idp.Issuer)' -ClientId rs256-client -ClientSecret (ConvertTo-SecureString '$IdpClientSecret' -AsPlainText -Force) -Scope read -Audience https://concurrent.pester.test -CaCertPath '$($Idp.CaFile)' -AsPlainText
"@
        $environment = Get-IsolatedHomeEnvironment (Join-Path $TestDrive 'eight')
        $before = (Get-TestIdpRequestCount $Idp)['/token']
        $exe = [Environment]::ProcessPath
        [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        $processes = foreach ($i in 1..8) {
            $start = [Diagnostics.ProcessStartInfo]::new($exe)
            foreach ($argument in $prefix + @('-NoProfile', '-NonInteractive', '-Command', $child)) { $start.ArgumentList.Add($argument) }
            foreach ($name in $environment.Keys) { $start.Environment[$name] = $environment[$name] }
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardError = $true
            $start.UseShellExecute = $false
            [Diagnostics.Process]::Start($start)
        }
        $outputs = foreach ($process in $processes) {
            $out = $process.StandardOutput.ReadToEndAsync(); $err = $process.StandardError.ReadToEndAsync()
            $process.WaitForExit(180000) | Should -BeTrue
            $process.ExitCode | Should -Be 0 -Because $err.Result
            $out.Result.Trim()
        }
        @($outputs | Sort-Object -Unique).Count | Should -Be 1
        (Get-TestIdpRequestCount $Idp)['/token'] | Should -Be ($before + 1)
        $cache = Get-Content -LiteralPath (Join-Path $environment.XDG_DATA_HOME 'McpRegistryAuth/token-cache.json') -Raw | ConvertFrom-Json
        @($cache.partitions.PSObject.Properties).Count | Should -Be 1
    }
}

Describe 'The token object in the pipeline' {
    BeforeAll {
        $script:Token = Get-McpAccessToken @Basic
        # Every parameter of a command that a property of the token object binds to by name.
        function Get-BoundByName([string] $Command) {
            $properties = [McpRegistryAuth.Output.McpAccessToken].GetProperties().Name
            foreach ($parameter in (Get-Command $Command).Parameters.Values) {
                $byName = $parameter.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName
                if ($byName -and ($properties | Where-Object { $_ -eq $parameter.Name -or $_ -in $parameter.Aliases })) { $parameter.Name }
            }
        }
    }

    It 'binds only -Token of Test-RegistryToken' {
        @(Get-BoundByName Test-RegistryToken) | Should -Be @('Token')
        $verdict = $Token | Test-RegistryToken -Uri 'https://gw.example/api/servers' -Environment @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_TOKEN = 'Zq3v9Kx2Lm8Np4Rt6Wy1Bc5Df7Gh0Jk-Qs2Uv4Xz6' } -WarningAction SilentlyContinue
        ($verdict.Checks | Out-String) | Should -BeLike "*$($Token.Fingerprint)*"
    }

    It 'binds -Token of Test-ScopeAccess, and a Scopes property piped with it is not taken as the caller' {
        @(Get-BoundByName Test-ScopeAccess) | Sort-Object | Should -Be @('Scope', 'Token')
        $scopes = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes/default-scopes.yml'
        $result = [pscustomobject]@{ Token = $Token.Token; Scopes = @('mcp-registry-admin') } | Test-ScopeAccess -ScopesPath $scopes -Server currenttime -Method tools/list
        $result.EffectiveScopes | Should -Not -Contain 'mcp-registry-admin'
        $result.EffectiveScopes | Should -Be @('read')
        ($result.Checks | Where-Object Name -eq 'Gateway.Scopes.TokenClaims').Passed | Should -BeTrue
    }
}

Describe 'Clear-McpTokenCache' {
    It 'removes the tokens of one client after ShouldProcess, and -WhatIf removes nothing' {
        $null = Get-McpAccessToken @Basic
        $null = Get-McpAccessToken -Authority $Idp.Issuer -ClientId post-client -ClientSecret $Secret -ClientAuthentication ClientSecretPost -Scope read -CaCertPath $Idp.CaFile
        Clear-McpTokenCache -ClientId post-client -WhatIf
        @((Get-Content -LiteralPath $CachePath -Raw | ConvertFrom-Json).partitions.PSObject.Properties.Value.client_id) | Should -Contain 'post-client'
        $removed = Clear-McpTokenCache -ClientId post-client -PassThru
        $removed.ClientId | Should -Be 'post-client'
        @((Get-Content -LiteralPath $CachePath -Raw | ConvertFrom-Json).partitions.PSObject.Properties.Value.client_id) | Should -Not -Contain 'post-client'
        (Get-McpAccessToken @Basic).FromCache | Should -BeTrue
    }

    It 'refuses to run without a filter' {
        { Clear-McpTokenCache -ErrorAction Stop } | Should -Throw -ErrorId 'CacheFilterMissing,McpRegistryAuth.Commands.ClearMcpTokenCacheCommand'
    }

    It 'removes everything with -All' {
        $null = Get-McpAccessToken @Basic
        Clear-McpTokenCache -All
        (Get-Content -LiteralPath $CachePath -Raw | ConvertFrom-Json).partitions.PSObject.Properties | Should -BeNullOrEmpty
    }
}

Describe 'Profiles' {
    It 'keeps settings without the secret, and Get-McpAccessToken -Profile reads the secret from the named variable' {
        $env:PESTER_MCP_SECRET = $IdpClientSecret
        try {
            $profile = Set-McpProfile ci-bot -Authority $Idp.Issuer -ClientId rs256-client -Scope read -CaCertPath $Idp.CaFile -ClientSecretVariable PESTER_MCP_SECRET -RegistryType Gateway -RegistryUri 'https://gw.example/currenttime/mcp' -PassThru
            $profile.ClientSecretVariable | Should -Be 'PESTER_MCP_SECRET'
            Get-Content -LiteralPath $ProfilesPath -Raw | Should -Not -BeLike "*$IdpClientSecret*"
            (Get-McpProfile ci-bot).ClientId | Should -Be 'rs256-client'
            (Get-McpAccessToken -Profile ci-bot).ClientId | Should -Be 'rs256-client'
            Get-McpAccessToken -Profile ci-bot -As Header -AsPlainText | Should -BeLike 'X-Authorization: Bearer *'
            (Get-McpAccessToken -Profile ci-bot -Scope write).Scopes | Should -Be @('write')
        }
        finally {
            Remove-Item Env:PESTER_MCP_SECRET
        }
    }

    It 'explains an unset secret variable by its name' {
        { Get-McpAccessToken -Profile ci-bot -ForceRefresh -ErrorAction Stop } | Should -Throw -ErrorId 'ClientSecretVariableEmpty,McpRegistryAuth.Commands.GetMcpAccessTokenCommand'
    }

    It 'lists by wildcard, reports an unknown name, and removes with ShouldProcess' {
        Set-McpProfile other -Provider Cognito -Authority 'https://pool.auth.eu-west-1.amazoncognito.com' -ClientId cognito-client
        @(Get-McpProfile '*').Name | Should -Be @('ci-bot', 'other')
        Get-McpProfile nope -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -Be 'ProfileNotFound,McpRegistryAuth.Commands.GetMcpProfileCommand'
        Remove-McpProfile other -WhatIf
        @(Get-McpProfile).Count | Should -Be 2
        (Remove-McpProfile other -PassThru).Name | Should -Be 'other'
        @(Get-McpProfile).Name | Should -Be @('ci-bot')
        { Get-McpAccessToken -Profile other -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileNotFound,McpRegistryAuth.Commands.GetMcpAccessTokenCommand'
    }
}
