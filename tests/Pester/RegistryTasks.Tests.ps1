#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The server, group and agent cmdlets against the loopback gateway registry (tests/fixtures/registry): the
# requests they send (form or JSON, If-Match, paging), the objects they write and how they pipe, -WhatIf,
# the errors (401, 404, 409, 412), and a child pwsh run with -Verbose -Debug at 80 columns.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'TaskRegistryHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Plain = 'loopback-' + [guid]::NewGuid().ToString('N')
    $script:Registry = Start-TaskRegistry $Plain
    $script:Auth = @{ RegistryUrl = $Registry.BaseUrl; Token = (ConvertTo-SecureString $Plain -AsPlainText -Force) }
    function Get-Sent([string] $Like) { @(Get-TaskRegistryRequest $Registry | Where-Object { "$($_.method) $($_.path)" -like $Like }) }
}

AfterAll {
    Stop-TaskRegistry $Registry
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Get-RegistryServer' {
    It 'lists every server, page by page (limit/offset), as RegistryServer objects' {
        $servers = @(Get-RegistryServer @Auth)
        $servers.Count | Should -Be 29
        $servers[0] | Should -BeOfType McpRegistryAuth.Output.RegistryServer
        $servers[0].Url | Should -Be "$($Registry.BaseUrl)/currenttime/mcp"
        (Get-Sent 'GET /api/servers?*').path | Should -Be @('/api/servers?limit=20', '/api/servers?limit=20&offset=20')
    }

    It 'filters by name with wildcards' {
        (Get-RegistryServer fin* @Auth).Path | Should -Be '/fininfo'
    }

    It 'reads one server by path: the MCP URL as the gateway builds it, the version for If-Match' {
        $c7, $sse = Get-RegistryServer -Path /context7, sse-only @Auth
        $c7.Url | Should -Be 'https://mcp.context7.com/mcp'
        $sse.Url | Should -Be "$($Registry.BaseUrl)/sse-only/sse"
        $c7.ETag | Should -Match '^W/"\d+"$'
        $c7.RegistryUrl | Should -Be $Registry.BaseUrl
    }

    It 'lists the v0.1 registry API with cursor paging, and a ToolHive registry by name' {
        $v01 = @(Get-RegistryServer -V01 @Auth)
        $v01.Count | Should -Be 29
        $v01[0].Name | Should -Be 'io.example/currenttime'
        $v01[0].Url | Should -Be "$($Registry.BaseUrl)/currenttime/mcp"
        @(Get-RegistryServer -RegistryName default @Auth).Count | Should -Be 29
        (Get-Sent 'GET /registry/default/v0.1/servers*').path | Should -Be @('/registry/default/v0.1/servers?limit=100')
    }

    It 'writes a 404 as RegistryApiNotFound and a wrong token as RegistryApiUnauthorized' {
        Get-RegistryServer -Path /nope @Auth -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'RegistryApiNotFound,*'
        $bad = @{ RegistryUrl = $Registry.BaseUrl; Token = (ConvertTo-SecureString 'wrong-token-value' -AsPlainText -Force) }
        Get-RegistryServer -Path /currenttime @bad -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'RegistryApiUnauthorized,*'
    }
}

Describe 'Get-RegistryServer into Export-McpClientConfig' {
    It 'pipes servers by property name: each entry gets the MCP URL as the gateway builds it' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "mcp-$([guid]::NewGuid().ToString('N')).json"
        try {
            Get-RegistryServer -Path /currenttime, sse-only @Auth | Export-McpClientConfig -Client VSCode -Path $file -RegistryType Gateway | Out-Null
            $servers = (Get-Content $file -Raw | ConvertFrom-Json -AsHashtable).servers
            $servers['currenttime'].url | Should -Be "$($Registry.BaseUrl)/currenttime/mcp"
            $servers['sse-only'].url | Should -Be "$($Registry.BaseUrl)/sse-only/sse"
            $servers['currenttime'].headers['X-Authorization'] | Should -Be 'Bearer ${input:mcp-gateway-token}'
            Get-Content $file -Raw | Should -Not -Match ([regex]::Escape($Plain))
        }
        finally {
            Remove-Item $file, "$file.bak" -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Register-RegistryServer and Unregister-RegistryServer' {
    It '-WhatIf shows the form that would be sent and sends nothing' {
        # What-if lines go to the host, so a child pwsh's output shows them.
        $out = Invoke-ChildPwsh 'Import-Module $env:MRA_MODULE; Register-RegistryServer weather /weather http://weather:8000/ -Tag ops, wx -RegistryUrl $env:MRA_URL -Token $env:MRA_TOKEN -WhatIf' @{
            MRA_MODULE = (Get-BuiltModulePath); MRA_TOKEN = $Plain; MRA_URL = $Registry.BaseUrl
        }
        ($out -join "`n") | Should -BeLike "What if: register server /weather (weather): POST $($Registry.BaseUrl)/api/servers/register form: name=weather&*path=%2Fweather&proxy_pass_url=http%3A%2F%2Fweather%3A8000%2F&tags=ops%2Cwx*"
        Get-Sent 'POST /api/servers/register' | Should -BeNullOrEmpty
    }

    It 'registers with a form, then writes the server read back' {
        $server = Register-RegistryServer weather /weather http://weather:8000/ -Description 'Forecasts' -Tag ops @Auth -Confirm:$false
        $server.Path | Should -Be '/weather'
        $server.Url | Should -Be "$($Registry.BaseUrl)/weather/mcp"
        $sent = Get-Sent 'POST /api/servers/register'
        $sent[0].contentType | Should -Be 'application/x-www-form-urlencoded'
        $sent[0].body | Should -BeLike 'name=weather&description=Forecasts&path=%2Fweather&*'
    }

    It 'a second registration is a conflict unless -Force (overwrite)' {
        Register-RegistryServer weather /weather http://weather:8000/ @Auth -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'RegistryApiConflict,*'
        (Register-RegistryServer weather /weather http://weather:9000/ -Force @Auth).ProxyPassUrl | Should -Be 'http://weather:9000/'
    }

    It 'unregisters a piped server with -Force' {
        Get-RegistryServer -Path /weather @Auth | Unregister-RegistryServer -Force -Token $Auth.Token
        (Get-Sent 'POST /api/servers/remove')[-1].body | Should -Be 'path=%2Fweather'
        Get-RegistryServer -Path /weather @Auth -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Enable-RegistryServer and Disable-RegistryServer' {
    It 'reads the server, then posts the toggle with its path and the new state' {
        $after = Disable-RegistryServer /currenttime @Auth -PassThru
        $after.Enabled | Should -BeFalse
        (Get-Sent 'POST /api/servers/toggle')[-1].body | Should -Be 'path=%2Fcurrenttime&new_state=false'
        (Enable-RegistryServer currenttime @Auth -PassThru).Enabled | Should -BeTrue
    }

    It 'sends nothing when the server is already in that state' {
        $before = (Get-Sent 'POST /api/servers/toggle').Count
        Enable-RegistryServer /currenttime @Auth
        (Get-Sent 'POST /api/servers/toggle').Count | Should -Be $before
    }
}

Describe 'Set-RegistryServer' {
    It 'PATCHes the fields given with If-Match from the piped object' {
        $server = Get-RegistryServer -Path /fininfo @Auth
        $after = $server | Set-RegistryServer -Description 'Market data' -Token $Auth.Token -PassThru
        $after.Description | Should -Be 'Market data'
        $sent = (Get-Sent 'PATCH /api/servers/fininfo')[-1]
        $sent.ifMatch | Should -Be $server.ETag
        $sent.body | Should -Be '{"description":"Market data"}'
    }

    It 'explains a 412: the record changed since it was read' {
        $stale = Get-RegistryServer -Path /fininfo @Auth
        Set-RegistryServer -Path /fininfo -Field @{ num_tools = 4 } @Auth
        $stale | Set-RegistryServer -Description 'stale' -Token $Auth.Token -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'RegistryApiPreconditionFailed,*'
        "$($e[0])" | Should -BeLike '*changed since it was read*'
    }

    It '-Replace PUTs the whole record as read with the change applied' {
        Set-RegistryServer -Path /fininfo -Tag a, b -Replace @Auth
        $sent = (Get-Sent 'PUT /api/servers/fininfo')[-1]
        ($sent.body | ConvertFrom-Json).server_name | Should -Be 'fininfo'
        ($sent.body | ConvertFrom-Json).tags | Should -Be @('a', 'b')
    }
}

Describe 'Groups' {
    It 'adds a piped server to groups (form), and the group lists it' {
        $out = Get-RegistryServer -Path /context7 @Auth | Add-RegistryGroupMember -Group ops, lob1 -Token $Auth.Token -PassThru
        $out.Path | Should -Be '/context7'
        (Get-Sent 'POST /api/servers/groups/add')[-1].body | Should -Be 'server_name=context7&group_names=ops%2Clob1'
        (Get-RegistryGroup ops @Auth).Servers | Should -Be @('context7')
        (Get-RegistryGroup @Auth).Name | Should -Contain 'lob1'
    }

    It 'removes a server from a group' {
        Remove-RegistryGroupMember -Group ops -ServerName context7 @Auth
        (Get-RegistryGroup ops @Auth).Servers | Should -BeNullOrEmpty
    }

    It 'imports an import-group file as JSON after checking it as Test-ScopeAccess reads it' {
        $file = Join-Path $TestDrive 'ci-users.json'
        @{ scope_name = 'ci-users'; server_access = @(@{ server = 'weather'; methods = @('initialize', 'tools/list'); tools = @('*') }); group_mappings = @('ci-users') } |
            ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $file
        $group = Get-Item $file | Import-RegistryGroup @Auth -PassThru
        $group.Name | Should -Be 'ci-users'
        $group.Servers | Should -Be @('weather')
        (Get-Sent 'POST /api/servers/groups/import')[-1].contentType | Should -Be 'application/json'
    }

    It 'imports the gateway''s own example files' -Skip:(-not (Test-Path (Join-Path $PSScriptRoot '../../../shared/realworld'))) {
        Get-ChildItem (Join-Path $PSScriptRoot '../../../shared/realworld/gateway/latest-8c5b834b/cli-examples') -Filter *.json | Import-RegistryGroup @Auth
        (Get-RegistryGroup currenttime-users @Auth).Servers | Should -Contain 'currenttime'
    }

    It 'refuses a file without scope_name, naming the file, and sends nothing' {
        $file = Join-Path $TestDrive 'nameless.json'
        Set-Content -LiteralPath $file -Value '{"server_access":[{"server":"a","methods":["initialize"],"tools":["*"]}]}'
        $before = (Get-Sent 'POST /api/servers/groups/import').Count
        Import-RegistryGroup $file @Auth -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'GroupFile*,*'
        "$($e[0])" | Should -BeLike "*nameless.json*"
        (Get-Sent 'POST /api/servers/groups/import').Count | Should -Be $before
    }
}

Describe 'Get-RegistryAgent' {
    It 'lists the agents and reads one by path' {
        @(Get-RegistryAgent @Auth).Count | Should -Be 3
        $agent = Get-RegistryAgent -Path /agents/agent-2 @Auth
        $agent.Enabled | Should -BeFalse
        $agent.Url | Should -Be 'http://10.0.0.9:9002/'
    }
}

Describe 'The docs pages'' examples, in order, against a registry of their own' {
    BeforeDiscovery {
        $pages = 'Register-RegistryServer', 'Get-RegistryServer', 'Enable-RegistryServer', 'Disable-RegistryServer', 'Set-RegistryServer', 'Get-RegistryAgent',
            'Add-RegistryGroupMember', 'Remove-RegistryGroupMember', 'Get-RegistryGroup', 'Import-RegistryGroup', 'Unregister-RegistryServer'
        $examples = foreach ($page in $pages) {
            $text = Get-Content -LiteralPath (Join-Path $PSScriptRoot "../../docs/$page.md") -Raw
            foreach ($example in [regex]::Split($text, '(?m)^### Example ') | Select-Object -Skip 1) {
                @{ Page = $page; Title = ($example -split "`n")[0]; Code = [regex]::Match($example, '(?s)```powershell\n(.*?)\n```').Groups[1].Value }
            }
        }
    }

    BeforeAll {
        $script:DocsRegistry = Start-TaskRegistry $Plain
        $script:SavedUrl = $env:REGISTRY_URL
        $env:REGISTRY_URL = $DocsRegistry.BaseUrl
        $docsWork = New-Item -ItemType Directory (Join-Path $TestDrive 'docs')
        Push-Location $docsWork
        @{ access_token = $Plain } | ConvertTo-Json | Set-Content ingress.json
        @{ scope_name = 'weather-users'; server_access = @(@{ server = 'weather'; methods = @('initialize', 'tools/list', 'tools/call'); tools = @('get_forecast') }); group_mappings = @('weather-users') } |
            ConvertTo-Json -Depth 5 | Set-Content weather-users.json
    }

    AfterAll {
        Pop-Location
        $env:REGISTRY_URL = $SavedUrl
        Stop-TaskRegistry $DocsRegistry
    }

    It '<Page>: <Title>' -ForEach $examples {
        $Code | Should -Not -BeNullOrEmpty
        $records = & ([scriptblock]::Create($Code)) *>&1
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        ($records | Out-String -Width 200) | Should -Not -BeLike "*$Plain*"
    }
}

Describe 'The README''s CI step' {
    It 'registers a server, adds it to a group, imports the group and checks its access, in a child pwsh' {
        $readme = Get-Content -LiteralPath (Join-Path $PSScriptRoot '../../README.md') -Raw
        $code = [regex]::Match($readme, '(?s)<!-- ci-step -->\s*```powershell\n(.*?)\n```').Groups[1].Value
        $code | Should -Not -BeNullOrEmpty
        $work = New-Item -ItemType Directory (Join-Path $TestDrive 'ci')
        $null = New-Item -ItemType Directory (Join-Path $work '.oauth-tokens'), (Join-Path $work 'groups')
        @{ access_token = $Plain } | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $work '.oauth-tokens/ingress.json')
        @{ scope_name = 'weather-users'; server_access = @(@{ server = 'weather'; methods = @('initialize', 'tools/list', 'tools/call'); tools = @('get_forecast') }); group_mappings = @('weather-users') } |
            ConvertTo-Json -Depth 5 | Set-Content -LiteralPath (Join-Path $work 'groups/weather-users.json')
        $script = "Set-Location '$work'; Import-Module `$env:MRA_MODULE`n$code"
        $output = Invoke-ChildPwsh $script @{ MRA_MODULE = (Get-BuiltModulePath); REGISTRY_URL = $Registry.BaseUrl }
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        ($output -join "`n") | Should -BeLike "*/weather*$($Registry.BaseUrl)/weather/mcp*"
        (Get-RegistryGroup weather-users @Auth).Servers | Should -Contain 'weather'
        (Get-RegistryServer -Path /weather @Auth).Enabled | Should -BeTrue
    }
}

Describe 'In a child pwsh, as a CI step runs them' {
    It 'runs with -Verbose -Debug without prompting, shows no token, and renders at 80 columns' {
        $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:MRA_MODULE
$token = ConvertTo-SecureString $env:MRA_TOKEN -AsPlainText -Force
$server = Register-RegistryServer ci-step /ci-step http://ci:8000/ -RegistryUrl $env:MRA_URL -Token $token -Verbose -Debug *>&1
$server | Out-String -Width 80
Get-RegistryServer -RegistryUrl $env:MRA_URL -Token $token -Verbose -Debug *>&1 | Out-String -Width 80
Get-RegistryServer -Path /ci-step -RegistryUrl $env:MRA_URL -Token $token | Add-RegistryGroupMember -Group ci -Token $token -Debug *>&1 | Out-String -Width 80
Enable-RegistryServer /ci-step -RegistryUrl $env:MRA_URL -Token $token -WhatIf | Out-String -Width 80
'<default views at 80 columns>'
Get-RegistryServer -RegistryUrl $env:MRA_URL -Token $token | Out-String -Width 80
Get-RegistryGroup -RegistryUrl $env:MRA_URL -Token $token | Out-String -Width 80
Get-RegistryAgent -RegistryUrl $env:MRA_URL -Token $token | Out-String -Width 80
'@
        $output = Invoke-ChildPwsh $script @{ MRA_MODULE = (Get-BuiltModulePath); MRA_TOKEN = $Plain; MRA_URL = $Registry.BaseUrl }
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $text = $output -join "`n"
        $text | Should -Not -BeLike "*$Plain*"
        $text | Should -BeLike '*register server /ci-step*'
        $text | Should -Match 'Name\s+Path\s+Enabled\s+Url'
        $text | Should -BeLike "*What if: enable server /ci-step: POST $($Registry.BaseUrl)/api/servers/toggle form: path=%2Fci-step&new_state=true*"
        $views = $output[([array]::IndexOf($output, '<default views at 80 columns>') + 1)..($output.Count - 1)]
        ($views -join "`n") | Should -Match 'Name\s+Servers'
        foreach ($line in $views) { "$line".TrimEnd().Length | Should -BeLessOrEqual 80 -Because "'$line'" }
    }
}
