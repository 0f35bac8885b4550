#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Every file of ../shared/realworld (the upstream projects' own files, see its README.md) through the cmdlet
# that takes it, as an operator runs it: the answer expected, no error, no warning, nothing on the console
# but the result. The files are read in place (copies go to $TestDrive only to be written); the tests report
# themselves skipped where the folder is absent.

BeforeDiscovery {
    $script:Root = Join-Path $PSScriptRoot '../../../shared/realworld'
    $script:Absent = -not (Test-Path -LiteralPath $script:Root)
    $gateway = Join-Path $script:Root 'gateway'
    $script:ScopeSources = if ($script:Absent) { @() } else {
        @(Get-ChildItem -LiteralPath $gateway -Recurse -File | Where-Object Name -ne '.env.example') +
        @(Get-Item -LiteralPath (Join-Path $gateway 'latest-8c5b834b/scripts'), (Join-Path $gateway 'latest-8c5b834b/cli-examples'), (Join-Path $gateway 'v124-1e781cb0/scripts')) |
            ForEach-Object { @{ Name = [IO.Path]::GetRelativePath($script:Root, $_.FullName); Path = $_.FullName } }
    }
    $script:EnvExamples = if ($script:Absent) { @() } else {
        # Each example is judged by the release it ships with (1.24's rules do not check SECRET_KEY).
        Get-ChildItem -LiteralPath $gateway -Recurse -File -Filter '.env.example' -Force | ForEach-Object {
            $name = [IO.Path]::GetRelativePath($script:Root, $_.FullName)
            @{ Name = $name; Path = $_.FullName; Release = if ($name -like '*v124*') { 'V124' } else { 'V130' } }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../../../shared/realworld') -ErrorAction SilentlyContinue).Path

    # Every record a call writes, by stream: what it returns, and anything else (errors, warnings).
    function Invoke-Quietly([scriptblock] $Call) {
        $records = @(& $Call *>&1)
        [pscustomobject]@{
            Output = @($records | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] -and $_ -isnot [System.Management.Automation.InformationalRecord] })
            Noise  = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -or $_ -is [System.Management.Automation.WarningRecord] })
        }
    }

    # A writable copy of an upstream file (they are read-only), in $TestDrive.
    function Copy-Writable([string] $Path, [string] $Name) {
        $copy = Join-Path $TestDrive $Name
        [IO.File]::WriteAllBytes($copy, [IO.File]::ReadAllBytes($Path))
        $copy
    }
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'ToolHive configurations (toolhive/)' -Skip:$script:Absent {
    It 'every example, chart values file and docs snippet: the server would start, one [bool] per piped file' {
        $files = Get-ChildItem -LiteralPath (Join-Path $Root 'toolhive') -Recurse -Filter '*.yaml'
        $files.Count | Should -Be 32
        $run = Invoke-Quietly { $files | Test-RegistryAuthConfig -Quiet }
        $run.Noise | Should -BeNullOrEmpty
        $run.Output | Should -Be (@($true) * 32)
    }

    It 'piped together, each finding names its file, and the complete examples give none' {
        $run = Invoke-Quietly { Get-ChildItem -LiteralPath (Join-Path $Root 'toolhive') -Recurse -Filter '*.yaml' | Test-RegistryAuthConfig }
        $run.Noise | Should -BeNullOrEmpty
        $run.Output.Severity | Should -Not -Contain 'Error'
        ($run.Output | Where-Object { $_.File -like '*examples*' }).File | Select-Object -Unique | Split-Path -Leaf | Should -Be 'config-oauth.yaml'
        ($run.Output | Where-Object Code -eq 'THV050').File | ForEach-Object { $_ | Should -BeLike '*docs-snippets*' }
        ($run.Output | Out-String -Width 80) | Should -Match 'config-oauth\.yaml\s+76 '
    }

    It 'reads a Helm values.yaml at its config: section' {
        $run = Invoke-Quietly { Test-RegistryAuthConfig -Path (Join-Path $Root 'toolhive/chart/values.yaml') -Verbose }
        $run.Output | Should -BeNullOrEmpty
        $verbose = @(Test-RegistryAuthConfig -Path (Join-Path $Root 'toolhive/chart/values.yaml') -Verbose 4>&1).Message
        $verbose | Should -Contain "A Helm values file: the chart renders its config: section (line 144) as the server's config.yaml; that section is evaluated."
        $verbose | Should -Contain "auth.mode = 'anonymous'."
    }
}

Describe 'Gateway scope definitions (gateway/)' -Skip:$script:Absent {
    It '<Name>: Get-ScopeAccessMatrix lists rows, without a warning or an error' -ForEach $script:ScopeSources {
        $run = Invoke-Quietly { Get-ScopeAccessMatrix -ScopesPath $Path }
        $run.Noise | Should -BeNullOrEmpty
        $run.Output.Count | Should -BeGreaterThan 0
        ($run.Output | Out-String -Width 80) -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }

    It '<Name>: Test-ScopeAccess answers for the file piped in, without a warning or an error' -ForEach $script:ScopeSources {
        $run = Invoke-Quietly { Get-Item -LiteralPath $Path | Test-ScopeAccess -Group registry-admins, currenttime-users -Server currenttime -Method tools/call -Tool current_time_by_timezone }
        $run.Noise | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 1
        $run.Output.Allowed | Should -BeOfType [bool]
    }

    It 'grants registry-admins every tool from each form of the latest seed, and from the v1.24 scopes.yml' -ForEach @(
        @{ Source = 'gateway/latest-8c5b834b/scripts' }, @{ Source = 'gateway/derived/mcp_scopes.seed.mongoexport.json' }, @{ Source = 'gateway/derived/mcp_scopes.seed.mongoexport.jsonl' }
        @{ Source = 'gateway/derived/scopes-export-ui.json' }, @{ Source = 'gateway/v124-1e781cb0/auth_server/scopes.yml' }, @{ Source = 'gateway/v124-1e781cb0/auth_server/scopes.yml.backup' }
    ) {
        $result = Test-ScopeAccess -ScopesPath (Join-Path $Root $Source) -Group registry-admins -Server currenttime -Method tools/call -Tool current_time_by_timezone
        $result.Allowed | Should -BeTrue
        $result.GrantedBy.Scope | Should -Be 'registry-admins'
    }

    It 'grants an import-group file''s group what its scope lists, and no more' {
        $file = Join-Path $Root 'gateway/latest-8c5b834b/cli-examples/currenttime-users.json'
        Test-ScopeAccess -ScopesPath $file -Group currenttime-users -Server currenttime -Method tools/call -Tool current_time_by_timezone -Quiet | Should -BeTrue
        Test-ScopeAccess -ScopesPath $file -Group currenttime-users -Server currenttime -Method tools/call -Tool set_time -Quiet | Should -BeFalse
    }

    It 'names the scope the server would: the seed folder is read in the seeding order' {
        $result = Test-ScopeAccess -ScopesPath (Join-Path $Root 'gateway/latest-8c5b834b/scripts') -Group mcp-registry-admin -Server currenttime -Method tools/call -Tool current_time_by_timezone
        $result.GrantedBy.Scope | Should -Be 'mcp-registry-admin'
        $verbose = @(Get-ScopeAccessMatrix -ScopesPath (Join-Path $Root 'gateway/latest-8c5b834b/scripts') -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        $verbose | Should -Contain "Scopes: 5 scope(s), 3 group mapping(s) from $(Join-Path $Root 'gateway/latest-8c5b834b/scripts') (McpScopes)."
    }

    It 'marks the import-group file''s v0.1 rule as never matching' {
        $rows = Get-ScopeAccessMatrix -ScopesPath (Join-Path $Root 'gateway/latest-8c5b834b/cli-examples/public-mcp-users.json') -Group public-mcp-users
        ($rows | Where-Object Server -eq 'v0.1').MatchKind | Select-Object -Unique | Should -Be 'NeverMatches'
    }

    It 'completes -Group from the registry UI''s export' {
        $line = "Test-ScopeAccess -ScopesPath '$(Join-Path $Root 'gateway/derived/scopes-export-ui.json')' -Group "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('registry-admins', 'mcp-registry-admin', 'federation-service')
    }
}

Describe 'Gateway .env examples (gateway/*/.env.example)' -Skip:$script:Absent {
    It '<Name>: Test-RegistryToken gives the answer of the release it ships with' -ForEach $script:EnvExamples {
        $run = Invoke-Quietly { Test-RegistryToken -Token (New-RegistryApiToken) -Uri 'https://gateway.example/api/servers' -EnvFile $Path -GatewayRelease $Release }
        if ($Release -eq 'V124') {
            # 1.24 starts with the example as shipped; static tokens are off.
            $run.Noise | Should -BeNullOrEmpty
            $run.Output.Status | Should -Be 401
            $run.Output.FailedCheck.Name | Should -Be 'Gateway.StaticToken.EnableFlag'
        }
        else {
            # 1.30 refuses to start: the example ships SECRET_KEY empty (validate_secret_key at import).
            $run.Output.Status | Should -BeNullOrEmpty
            $run.Output.Detail | Should -BeLike '*SECRET_KEY*'
            @($run.Noise) | Should -HaveCount 1
            "$($run.Noise)" | Should -BeLike '*GW008*SECRET_KEY*'
        }
    }

    It '<Name>: New-RegistryApiToken fills the empty REGISTRY_API_TOKEN, saying it was empty, and the gateway then accepts the token' -ForEach $script:EnvExamples {
        $envFile = Copy-Writable $Path 'gateway.env'
        $records = @(New-RegistryApiToken -EnvFile $envFile -Verbose -WarningAction SilentlyContinue 4>&1)
        $token = $records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match "replace REGISTRY_API_TOKEN on line \d+ \(empty -> $($token.Fingerprint)\)"
        $verbose | Should -Not -Match 'e3b0c442'
        # With the SECRET_KEY an operator must still set for 1.30 (given here as an override).
        $secretKey = @{ SECRET_KEY = 'k' * 8 + (New-RegistryApiToken -AsPlainText) }
        (Test-RegistryToken -Token $token.Token -Uri 'https://gateway.example/api/servers' -EnvFile $envFile -Environment $secretKey -GatewayRelease $Release).Status | Should -Be 200
    }

    It '<Name>: an API key for a group the seed scopes do not map warns that every request will be 403' -ForEach $script:EnvExamples {
        $envFile = Copy-Writable $Path 'keys.env'
        $scopes = Join-Path $Root 'gateway/latest-8c5b834b/scripts'
        $null = New-RegistryApiToken -EnvFile $envFile -ApiKeyName monitoring -Group mcp-readonly -ScopesPath $scopes -WarningVariable warnings -WarningAction SilentlyContinue
        # The others say the command turned static-token auth on (the example ships it off) and that
        # release 1.30 would not start with the file's SECRET_KEY (empty or a placeholder in the examples).
        $warnings.Message[0..1] | Should -Be @(
            "The gateway logs: Static key 'monitoring' has no scope mappings for groups ['mcp-readonly']. Requests using this key will get 403 on all protected endpoints."
            "REGISTRY_STATIC_TOKEN_AUTH_ENABLED changed from 'false' to 'true' (line $((Select-String -LiteralPath $Path -Pattern '^REGISTRY_STATIC_TOKEN_AUTH_ENABLED=').LineNumber)).")
        @($warnings).Count | Should -Be 3
        $warnings.Message[2] | Should -BeLike "The gateway's auth server (release 1.30) does not start with*SECRET_KEY*"
        $line = "New-RegistryApiToken -EnvFile '$envFile' -ApiKeyName deploy -ScopesPath '$scopes' -Group "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('mcp-readonly', 'registry-admins', 'mcp-registry-admin', 'federation-service')
    }
}
