#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $fixtures = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes'
    $script:Yaml = Join-Path $fixtures 'default-scopes.yml'
    $script:Json = Join-Path $fixtures 'default-mcp-scopes.json'
    $script:JsonLines = Join-Path $fixtures 'default-mcp-scopes.jsonl'
    $script:Folder = Join-Path $fixtures 'default-mcp-scopes'
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Test-ScopeAccess' {
    It 'grants a listed tool and names the scope, rule and line' {
        $result = Test-ScopeAccess -ScopesPath $Yaml -Group registry-users-lob1 -Server currenttime -Method tools/call -Tool current_time_by_timezone
        $result.Allowed | Should -BeTrue
        $result.GrantedBy.Scope | Should -Be 'registry-users-lob1'
        $result.GrantedBy.RuleIndex | Should -Be 1
        $result.GrantedBy.Branch | Should -Be 'ToolListed'
        $result.GrantedBy.Line | Should -BeGreaterThan 0
    }

    It 'denies another tool with the gateway text' {
        $result = Test-ScopeAccess -ScopesPath $Yaml -Group registry-users-lob1 -Server currenttime -Method tools/call -Tool set_time
        $result.Allowed | Should -BeFalse
        $result.Detail | Should -Be 'Access denied to currenttime.tools/call'
    }

    It 'lets the default read scope call any tool (the code, not the guide)' {
        Test-ScopeAccess -ScopesPath $Yaml -Scope 'mcp-servers-unrestricted/read' -Server fininfo -Method tools/call -Tool anything -Quiet | Should -BeTrue
    }

    It 'denies everything without groups or scopes' {
        $result = Test-ScopeAccess -ScopesPath $Json -Server currenttime -Method initialize
        $result.Allowed | Should -BeFalse
        $result.Detail | Should -Be 'Access denied to currenttime.initialize - user has no scopes configured'
    }

    It 'reads the JSON array, JSON Lines and folder forms alike (<Name>)' -ForEach @(
        @{ Name = 'default-mcp-scopes.json' }, @{ Name = 'default-mcp-scopes.jsonl' }, @{ Name = 'default-mcp-scopes' }
    ) {
        $path = Join-Path $PSScriptRoot "../McpRegistryAuth.Core.Tests/Fixtures/scopes/$Name"
        Test-ScopeAccess -ScopesPath $path -Group registry-users-lob1 -Server currenttime -Method tools/call -Tool current_time_by_timezone -Quiet | Should -BeTrue
    }

    It 'checks /v0.1 requests as server v0.1/<rest>' {
        $result = Test-ScopeAccess -ScopesPath $Yaml -Groups registry-users-lob1 -Uri 'https://gw.example/v0.1/servers'
        $result.Server | Should -Be 'v0.1/servers'
        $result.Detail | Should -Be 'Access denied to v0.1/servers.initialize'
        Test-ScopeAccess -ScopesPath $Yaml -Groups registry-admins -Uri 'https://gw.example/v0.1/servers' -Quiet | Should -BeTrue
    }

    It 'checks a body-less request as its endpoint method' {
        (Test-ScopeAccess -ScopesPath $Yaml -Group registry-users-lob1 -Uri 'https://gw.example/currenttime/mcp').Method | Should -Be 'mcp'
    }

    It 'reports the proxy hop refusing a batch' {
        $result = Test-ScopeAccess -ScopesPath $Json -Scope registry-admins -Uri '/currenttime/mcp' -Body '[{"jsonrpc":"2.0","id":1,"method":"ping"}]'
        $result.Allowed | Should -BeTrue
        $result.Hop.Status | Should -Be 403
        Test-ScopeAccess -ScopesPath $Json -Scope registry-admins -Uri '/currenttime/mcp' -Body '[{"jsonrpc":"2.0","id":1,"method":"ping"}]' -Quiet | Should -BeFalse
    }

    It 'binds Group, Scope, Server, Method and Tool from piped objects (Import-Csv rows)' {
        $rows = @(
            [pscustomobject]@{ Group = 'registry-users-lob1'; Server = 'currenttime'; Method = 'tools/call'; Tool = 'current_time_by_timezone' }
            [pscustomobject]@{ Groups = 'registry-users-lob2;registry-users-lob1'; Server = 'fininfo'; Method = 'tools/list'; Tool = '' }
            [pscustomobject]@{ Scopes = @('public-mcp-users'); Server = 'currenttime'; Method = 'initialize'; Tool = '' }
        )
        ($rows | Test-ScopeAccess -ScopesPath $Yaml).Allowed | Should -Be @($true, $true, $false)
    }

    It 'takes the groups and scopes of a Test-RegistryToken verdict' {
        $plain = New-RegistryApiToken -AsPlainText
        $secure = ConvertTo-SecureString -String $plain -AsPlainText -Force
        $settings = @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_TOKEN = $plain }
        Test-RegistryToken -Token $secure -Uri 'https://gw.example/api/servers' -Environment $settings |
            Test-ScopeAccess -ScopesPath $Json -Server currenttime -Method tools/call -Tool anything -Quiet |
            Should -BeTrue
    }

    It 'explains each scope with -Verbose' {
        $records = Test-ScopeAccess -ScopesPath $Yaml -Group registry-users-lob1 -Server fininfo -Method tools/list -Verbose 4>&1
        $verbose = $records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose | Where-Object { $_.Message -like '`[FAIL`] Gateway.Fgac.Decision*' }) | Should -HaveCount 1
    }

    It 'stops with a stable error id when the file does not exist' {
        { Test-ScopeAccess -ScopesPath (Join-Path $TestDrive 'nope.yml') -Server a -Method initialize -ErrorAction Stop } |
            Should -Throw -ErrorId 'ScopesPathNotFound,McpRegistryAuth.Commands.TestScopeAccessCommand'
    }

    It 'takes -ScopesPath from a piped file (FullName), once per file' {
        Get-Item -LiteralPath $Yaml | Test-ScopeAccess -Group registry-users-lob1 -Server currenttime -Method tools/call -Tool current_time_by_timezone -Quiet | Should -BeTrue
        $results = Get-Item -LiteralPath $Yaml, $Json | Test-ScopeAccess -Scope registry-admins -Server fininfo -Method tools/list
        $results.Allowed | Should -Be @($true, $true)
        $results[1].GrantedBy.File | Should -Be (Get-Item -LiteralPath $Json).FullName
    }

    It 'answers the next piped file after one that cannot be read (a non-terminating error)' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content -LiteralPath $bad -Value '[{"_id": '
        $results = Get-Item -LiteralPath $bad, $Yaml | Test-ScopeAccess -Scope registry-admins -Server fininfo -Method tools/list -Quiet -ErrorVariable problems -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $results | Should -Be @($true)
        $problems.FullyQualifiedErrorId | Should -Be 'ScopesNotLoaded,McpRegistryAuth.Commands.TestScopeAccessCommand'
    }

    It 'warns with file and line about a duplicate group' {
        $file = Join-Path $TestDrive 'dup.yml'
        Set-Content -Path $file -Value "group_mappings:`n  g: [a]`n  g: [b]`na: []`nb: []`n"
        $null = Test-ScopeAccess -ScopesPath $file -Group g -Server x -Method initialize -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join "`n") | Should -BeLike '*dup.yml:3:*YAML003*'
    }
}

Describe 'Get-ScopeAccessMatrix' {
    It 'lists one row per group, scope, rule and name' {
        $rows = Get-ScopeAccessMatrix -ScopesPath $Yaml -Group registry-users-lob1
        $rows | Should -Not -BeNullOrEmpty
        ($rows | Where-Object { $_.Server -eq 'currenttime' -and $_.Tool -eq 'current_time_by_timezone' }).MatchKind | Should -Be 'Exact'
        ($rows | Where-Object { $_.Method -eq 'tools/call' -and -not $_.Tool }).MatchKind | Should -Contain 'NoEffect'
    }

    It 'takes -ScopesPath from piped files (FullName or PSPath), each file''s rows in input order' {
        $direct = Get-ScopeAccessMatrix -ScopesPath $Yaml
        $piped = Get-Item -LiteralPath $Yaml | Get-ScopeAccessMatrix
        $piped.Count | Should -Be $direct.Count
        $both = Get-Item -LiteralPath $Yaml, $Json | Get-ScopeAccessMatrix -Group registry-admins
        ($both.File | Select-Object -Unique) | Should -Be @((Get-Item -LiteralPath $Yaml).FullName, (Get-Item -LiteralPath $Json).FullName)
        $byPsPath = [pscustomobject]@{ PSPath = (Get-Item -LiteralPath $Json).PSPath } | Get-ScopeAccessMatrix -Group registry-admins
        $byPsPath.Count | Should -Be @($both | Where-Object File -eq (Get-Item -LiteralPath $Json).FullName).Count
    }

    It 'marks the rows of a rule that can never match (server v0.1, FGA015) in its default view' {
        $file = Join-Path $TestDrive 'v01.json'
        Set-Content -LiteralPath $file -Value '[{"_id": "s", "group_mappings": ["g"], "server_access": [{"server": "v0.1", "methods": ["GET"]}]}]'
        $row = Get-ScopeAccessMatrix -ScopesPath $file
        $row.MatchKind | Should -Be 'NeverMatches'
        ($row | Out-String -Width 80) | Should -Match 'v0\.1\s+GET\s+NeverMatches'
    }

    It 'expands wildcards with a catalog and exports to CSV' {
        $catalog = Join-Path $TestDrive 'catalog.csv'
        Set-Content -Path $catalog -Value "Server,Tool`ncurrenttime,current_time_by_timezone`nfininfo,print_stock_data`n"
        $csv = Join-Path $TestDrive 'matrix.csv'
        Get-ScopeAccessMatrix -ScopesPath $Json -Group mcp-registry-admin -Catalog $catalog | Export-Csv -Path $csv -NoTypeInformation
        $rows = Import-Csv -Path $csv
        ($rows | Where-Object { $_.Tool -eq 'print_stock_data' -and $_.FromCatalog -eq 'True' }) | Should -Not -BeNullOrEmpty
    }
}

Describe 'Test-RegistryToken -ScopesPath' {
    It 'puts the scopes mapped from a key''s groups on the verdict' {
        $key = New-RegistryApiToken -AsPlainText
        $legacy = New-RegistryApiToken -AsPlainText
        $settings = @{
            REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'
            REGISTRY_API_TOKEN                 = $legacy
            REGISTRY_API_KEYS                  = "{`"ci-bot`":{`"key`":`"$key`",`"groups`":[`"registry-users-lob1`"]}}"
        }
        $secure = ConvertTo-SecureString -String $key -AsPlainText -Force
        $verdict = Test-RegistryToken -Token $secure -Uri 'https://gw.example/api/servers' -Environment $settings -ScopesPath $Json
        $verdict.Status | Should -Be 200
        $verdict.Scopes | Should -Be @('registry-users-lob1')
    }
}

Describe 'Test-ScopeAccess -GenericProxyKind (gateway 1.32 generic proxy)' {
    BeforeAll {
        $script:Generic = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes/generic-proxy-scopes.json'
    }

    It 'denies an HTTP verb that only methods: [all] covers, and grants it under 1.30' {
        $result = Test-ScopeAccess -ScopesPath $Generic -Group registry-admins -GenericProxyKind custom_entity -Server /weather -HttpMethod DELETE
        $result.Allowed | Should -BeFalse
        $result.Server | Should -Be 'custom_entity/weather'
        $result.Detail | Should -Be 'Access denied to custom_entity/weather.DELETE'
        $old = Test-ScopeAccess -ScopesPath $Generic -Group registry-admins -GenericProxyKind custom_entity -Server /weather -HttpMethod DELETE -GatewayRelease V130 -WarningVariable warned -WarningAction SilentlyContinue
        $old.Allowed | Should -BeTrue
        $old.GrantedBy.Branch | Should -Be 'MethodWildcard'
        $warned | Should -Match 'has no generic proxy'
    }

    It 'grants explicit verbs in any case and http:* for every verb' {
        Test-ScopeAccess -ScopesPath $Generic -Group weather-readers -EntityType custom_entity -Server weather -HttpMethod get -Quiet | Should -BeTrue
        Test-ScopeAccess -ScopesPath $Generic -Group weather-readers -EntityType custom_entity -Server weather -HttpMethod POST -Quiet | Should -BeFalse
        (Test-ScopeAccess -ScopesPath $Generic -Group weather-writers -EntityType custom_entity -Server weather -HttpMethod PATCH).GrantedBy.Branch | Should -Be 'HttpVerbWildcard'
    }

    It 'refuses a cookie write with the gateway text unless the setting is off, and every resource-bound token' {
        $cookie = Test-ScopeAccess -ScopesPath $Generic -Group weather-writers -GenericProxyKind custom_entity -Server weather -HttpMethod POST -SessionCookie
        $cookie.Status | Should -Be 403
        $cookie.Detail | Should -Be 'State-changing requests to proxied resources require a Bearer token (cookie auth refused as a CSRF defense)'
        Test-ScopeAccess -ScopesPath $Generic -Group weather-writers -GenericProxyKind custom_entity -Server weather -HttpMethod POST -SessionCookie -AllowCookieWrites -Quiet | Should -BeTrue
        Test-ScopeAccess -ScopesPath $Generic -Group weather-writers -GenericProxyKind custom_entity -Server weather -HttpMethod GET -SessionCookie -Quiet | Should -BeTrue
        Test-ScopeAccess -ScopesPath $Generic -Group weather-writers -GenericProxyKind custom_entity -Server weather -HttpMethod GET -ResourceBound -Quiet | Should -BeFalse
    }

    It 'explains each check under -Verbose -Debug in a child pwsh without prompting, and reads at 80 columns' {
        $command = "Import-Module '$(Get-BuiltModulePath)'; Test-ScopeAccess -ScopesPath '$Generic' -Group registry-admins -GenericProxyKind custom_entity -Server /weather -HttpMethod DELETE -Verbose -Debug *>&1 | Out-String -Width 80"
        $text = (Invoke-ChildPwsh $command) -join "`n"
        $text | Should -Match 'Gateway\.Fgac\.GenericProxy: observed X-Generic-Proxy-Kind custom_entity: key custom_entity/weather, HTTP verb DELETE'
        $text | Should -Match "'\*' and 'all' grant MCP methods only, never an HTTP verb"
        $text | Should -Match 'custom_entity/weather DELETE'
        $text | Should -Not -Match 'Confirm|Continue with this operation'
        $table = (Invoke-ChildPwsh "Import-Module '$(Get-BuiltModulePath)'; Test-ScopeAccess -ScopesPath '$Generic' -Group registry-admins -GenericProxyKind custom_entity -Server /weather -HttpMethod DELETE | Out-String -Width 80") -join "`n"
        $table | Should -Match 'False\s+custom_entity/weather DELETE'
        foreach ($line in $table -split "`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }
}

Describe 'Test-ScopeAccess -BlockedTool (gateway 1.31 per-tool blocks)' {
    It 'denies a blocked tool even to an admin, names the grant it overrides, and ignores blocks for 1.30' {
        $result = Test-ScopeAccess -ScopesPath $Yaml -Group registry-admins -Server currenttime -Method tools/call -Tool current_time_by_timezone -BlockedTool current_time_by_timezone
        $result.Allowed | Should -BeFalse
        $result.BlockedTool | Should -Be 'current_time_by_timezone'
        $result.GrantedBy.Scope | Should -Be 'registry-admins'
        ($result | Out-String -Width 80) | Should -Match "tool 'current_time_by_timezone' is bl"
        Test-ScopeAccess -ScopesPath $Yaml -Group registry-admins -Server currenttime -Method tools/call -Tool current_time_by_timezone -BlockedTool set_time -Quiet | Should -BeTrue
        Test-ScopeAccess -ScopesPath $Yaml -Group registry-admins -Server currenttime -Method tools/call -Tool current_time_by_timezone -BlockedTool current_time_by_timezone -GatewayRelease V130 -Quiet -WarningAction SilentlyContinue | Should -BeTrue
    }

    It 'applies the block to a request body naming the tool' {
        $body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"current_time_by_timezone"}}'
        Test-ScopeAccess -ScopesPath $Yaml -Group registry-admins -Uri 'https://gw.example/currenttime/mcp' -Body $body -BlockedTool current_time_by_timezone -Quiet | Should -BeFalse
    }

    It 'explains the block under -Verbose -Debug in a child pwsh without prompting' {
        $command = "Import-Module '$(Get-BuiltModulePath)'; Test-ScopeAccess -ScopesPath '$Yaml' -Group registry-admins -Server currenttime -Method tools/call -Tool current_time_by_timezone -BlockedTool current_time_by_timezone -Verbose -Debug *>&1 | Out-String -Width 80"
        $text = (Invoke-ChildPwsh $command) -join "`n"
        $text | Should -Match "\[FAIL\] Gateway\.Fgac\.ToolBlocked: observed tool 'current_time_by_timezone' of currenttime is blocked, overriding the grant by registry-admins\[0\] ToolWildcard"
        $text | Should -Not -Match 'Confirm|Continue with this operation'
    }
}
