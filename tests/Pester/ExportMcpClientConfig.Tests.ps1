#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Export-McpClientConfig against the built module: every client and scope written into a temporary home
# by a child pwsh; merges that keep other content byte for byte; and the generated commands run for real
# against the MCP server fixture (the official TypeScript SDK behind a bearer check): Claude Code's
# headersHelper through the shell, and the Claude Desktop bridge through the pinned mcp-remote.

BeforeDiscovery {
    $script:ScopeCases = @(
        @{ Client = 'VSCode'; Scope = 'User'; File = 'config/Code/User/mcp.json'; Servers = 'servers' }
        @{ Client = 'VSCode'; Scope = 'Project'; File = 'project/.vscode/mcp.json'; Servers = 'servers' }
        @{ Client = 'ClaudeCode'; Scope = 'Local'; File = 'home/.claude.json'; Servers = 'projects|<project>|mcpServers' }
        @{ Client = 'ClaudeCode'; Scope = 'Project'; File = 'project/.mcp.json'; Servers = 'mcpServers' }
        @{ Client = 'ClaudeCode'; Scope = 'User'; File = 'home/.claude.json'; Servers = 'mcpServers' }
        @{ Client = 'Cursor'; Scope = 'User'; File = 'home/.cursor/mcp.json'; Servers = 'mcpServers' }
        @{ Client = 'Cursor'; Scope = 'Project'; File = 'project/.cursor/mcp.json'; Servers = 'mcpServers' }
        @{ Client = 'Windsurf'; Scope = 'User'; File = 'home/.codeium/windsurf/mcp_config.json'; Servers = 'mcpServers' }
        @{ Client = 'RooCode'; Scope = 'User'; File = 'config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json'; Servers = 'mcpServers' }
        @{ Client = 'RooCode'; Scope = 'Project'; File = 'project/.roo/mcp.json'; Servers = 'mcpServers' }
        @{ Client = 'Cline'; Scope = 'User'; File = 'config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json'; Servers = 'mcpServers' }
        @{ Client = 'ClaudeDesktop'; Scope = 'User'; File = 'config/Claude/claude_desktop_config.json'; Servers = 'mcpServers' }
        @{ Client = 'GatewayVSCode'; Scope = 'Project'; File = 'project/.oauth-tokens/vscode_mcp.json'; Servers = 'mcp|servers' }
        @{ Client = 'GatewayRoo'; Scope = 'Project'; File = 'project/.oauth-tokens/mcp.json'; Servers = 'mcpServers' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'IdpHelpers.ps1')
    . (Join-Path $PSScriptRoot 'McpServerHelpers.ps1')
    $script:ModulePath = Get-BuiltModulePath
    Import-Module $ModulePath -Force
    $script:Idp = Start-TokenTestBed $TestDrive
    $env:EXPORT_MCP_SECRET = $IdpClientSecret
    Set-McpProfile export-bot -Authority $Idp.Issuer -ClientId rs256-client -Scope read -CaCertPath $Idp.CaFile -ClientSecretVariable EXPORT_MCP_SECRET
    # The server accepts the IdP's JWTs, as the gateway does: the helper and the bridge get fresh ones from the profile.
    $script:IdpToken = Get-McpAccessToken -Profile export-bot -AsPlainText
    $script:Server = Start-TestMcpServer (Join-Path $TestDrive 'mcp') -Issuer $Idp.Issuer -CaFile $Idp.CaFile
    $script:StaticToken = New-RegistryApiToken -AsPlainText
    $script:StaticServer = Start-TestMcpServer (Join-Path $TestDrive 'mcp-static') -Token $StaticToken

    # A home, config folder and project for one child pwsh; returns the environment and the folders.
    function New-TestHome([string] $Name) {
        $root = Join-Path $TestDrive $Name
        $folders = @{ Root = $root; Home = Join-Path $root 'home'; Config = Join-Path $root 'config'; Project = Join-Path $root 'project' }
        $null = New-Item -ItemType Directory -Force -Path $folders.Home, $folders.Config, $folders.Project
        $folders.Environment = @{ HOME = $folders.Home; XDG_CONFIG_HOME = $folders.Config; XDG_DATA_HOME = (Join-Path $root 'data') }
        $folders
    }

    # Runs the command in a child pwsh inside the test home's project folder, all streams merged, default view at 80 columns.
    function Invoke-InHome($TestHome, [string] $Command) {
        $script = "Import-Module '$ModulePath'; Set-Location -LiteralPath '$($TestHome.Project)'; & { $Command } *>&1 | Out-String -Width 80"
        Invoke-ChildPwsh $script $TestHome.Environment
    }

    function Get-Member([object] $Node, [string] $Path) {
        foreach ($key in $Path -split '\|') { $Node = $Node.PSObject.Properties[$key].Value }
        $Node
    }

    # POSTs a JSON-RPC request to the fixture with the headers given; returns the status code and the body.
    function Invoke-Fixture([string] $Url, [hashtable] $Headers, [string] $Method = 'tools/list') {
        $body = @{ jsonrpc = '2.0'; id = 1; method = $Method } | ConvertTo-Json
        $all = @{ Accept = 'application/json, text/event-stream' } + $Headers
        $response = Invoke-WebRequest -Uri $Url -Method Post -Body $body -ContentType 'application/json' -Headers $all -SkipHttpErrorCheck
        @{ Status = [int]$response.StatusCode; Body = $response.Content }
    }
}

AfterAll {
    Stop-TestMcpServer $Server
    Stop-TestMcpServer $StaticServer
    Stop-TokenTestBed $Idp
    Remove-Item Env:EXPORT_MCP_SECRET -ErrorAction SilentlyContinue
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Export-McpClientConfig into a temporary home' {
    It 'writes <Client> <Scope> to its file with -Verbose -Debug, the entry under <Servers>' -ForEach $ScopeCases {
        $testHome = New-TestHome "$Client-$Scope"
        $include = if ($Client -eq 'Cline') { "-Token (ConvertTo-SecureString '$StaticToken' -AsPlainText -Force) -IncludeToken" } else { '' }
        $output = Invoke-InHome $testHome "Export-McpClientConfig -Client $Client -ConfigScope $Scope -Name currenttime -Uri 'https://gw.example.com/currenttime/mcp' $include -PassThru -Verbose -Debug"
        $text = $output -join "`n"
        $text | Should -Match "${Client}: $Scope scope, file"
        $text | Should -Match 'Created'
        $file = Join-Path $testHome.Root $File
        Test-Path -LiteralPath $file | Should -BeTrue
        $entry = Get-Member (Get-Content -LiteralPath $file -Raw | ConvertFrom-Json) ($Servers.Replace('<project>', $testHome.Project) + '|currenttime')
        $entry | Should -Not -BeNullOrEmpty
        # The default view, after the stream messages, fits 80 columns.
        $lines = ($text -split "`n")
        $header = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^Client\s+Action\s+Servers, token, file' })
        $header | Should -BeGreaterOrEqual 0
        ($lines[$header..($lines.Count - 1)] | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        if ($Client -eq 'Cline') {
            $text | Should -Match 'holds the token \(<secret [0-9a-f]{8}>\) in plain text'
            if (-not $IsWindows) { (Get-Item -LiteralPath $file).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
        }
        $text | Should -Not -Match ([regex]::Escape($StaticToken))
    }

    It 'refuses a scope the client does not have, writing nothing' {
        $testHome = New-TestHome 'windsurf-project'
        $text = (Invoke-InHome $testHome "Export-McpClientConfig -Client Windsurf -ConfigScope Project -Name t -Uri 'https://gw.example.com/t/mcp'; `$Error[0].FullyQualifiedErrorId") -join "`n"
        $text | Should -Match 'ClientConfigScopeNotSupported'
        @(Get-ChildItem -LiteralPath $testHome.Home -Recurse -File -Force | Where-Object FullName -NotLike '*/.cache/*') | Should -BeNullOrEmpty
    }

    It 'binds servers piped as the gateway''s connect-config answer or server objects' {
        $testHome = New-TestHome 'piped'
        $command = "@([pscustomobject]@{ path = '/fininfo'; server_name = 'fininfo'; append_mcp_path = `$true }, [pscustomobject]@{ Name = 'raw'; Path = '/raw'; append_mcp_path = `$false }, [pscustomobject]@{ Name = 'direct'; Url = 'https://other.example.com/direct/mcp' }) | Export-McpClientConfig -Client Cursor -RegistryUri 'https://gw.example.com/'"
        Invoke-InHome $testHome $command | Out-Null
        $servers = (Get-Content -LiteralPath (Join-Path $testHome.Home '.cursor/mcp.json') -Raw | ConvertFrom-Json).mcpServers
        $servers.fininfo.url | Should -Be 'https://gw.example.com/fininfo/mcp'
        $servers.raw.url | Should -Be 'https://gw.example.com/raw'
        $servers.direct.url | Should -Be 'https://other.example.com/direct/mcp'
    }
}

Describe 'Merging into existing files' {
    It 'keeps a VS Code file''s comments, trailing commas and other servers byte for byte, with a backup' {
        $testHome = New-TestHome 'merge'
        $file = Join-Path $testHome.Project '.vscode/mcp.json'
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $file)
        $original = "{`n  // local tools`n  `"servers`": {`n    `"files`": { `"type`": `"stdio`", `"command`": `"npx`", `"args`": [`"-y`", `"server-files`",], },`n  },`n}`n"
        [IO.File]::WriteAllText($file, $original)
        Invoke-InHome $testHome "Export-McpClientConfig -Client VSCode -ConfigScope Project -Name currenttime -Uri 'https://gw.example.com/currenttime/mcp'" | Out-Null
        $after = [IO.File]::ReadAllText($file)
        $after.StartsWith("{`n  // local tools`n  `"servers`": {`n    `"files`": { `"type`": `"stdio`", `"command`": `"npx`", `"args`": [`"-y`", `"server-files`",], },`n    `"currenttime`": {", [StringComparison]::Ordinal) | Should -BeTrue -Because $after
        $after.EndsWith("    },`n  },`n  `"inputs`": [`n    {`n      `"type`": `"promptString`",`n      `"id`": `"mcp-gateway-token`",`n      `"description`": `"MCP gateway access token (Get-McpAccessToken -AsPlainText prints one)`",`n      `"password`": true`n    }`n  ],`n}`n", [StringComparison]::Ordinal) | Should -BeTrue -Because $after
        [IO.File]::ReadAllText("$file.bak") | Should -BeExactly $original
    }

    It 'leaves a corrupt file untouched and names the line' {
        $testHome = New-TestHome 'corrupt'
        $file = Join-Path $testHome.Home '.cursor/mcp.json'
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $file)
        [IO.File]::WriteAllText($file, "{`n  `"mcpServers`": {`n    `"a`": { `"url`": `"https://x`" `n")
        $text = (Invoke-InHome $testHome "Export-McpClientConfig -Client Cursor -Name t -Uri 'https://gw.example.com/t/mcp'; `$Error[0].FullyQualifiedErrorId") -join "`n"
        $text | Should -Match 'ClientConfigUnreadable'
        ($text -replace '\s+', ' ') | Should -Match 'line 4, column 1'
        [IO.File]::ReadAllText($file) | Should -BeExactly "{`n  `"mcpServers`": {`n    `"a`": { `"url`": `"https://x`" `n"
        Test-Path -LiteralPath "$file.bak" | Should -BeFalse
    }

    It 'replaces a same-name entry only with -Force' {
        $testHome = New-TestHome 'force'
        Invoke-InHome $testHome "Export-McpClientConfig -Client Cursor -Name t -Uri 'https://old.example.com/t/mcp'" | Out-Null
        $text = (Invoke-InHome $testHome "Export-McpClientConfig -Client Cursor -Name t -Uri 'https://new.example.com/t/mcp'; `$Error[0].FullyQualifiedErrorId") -join "`n"
        $text | Should -Match 'ClientConfigEntryExists'
        $file = Join-Path $testHome.Home '.cursor/mcp.json'
        (Get-Content -LiteralPath $file -Raw | ConvertFrom-Json).mcpServers.t.url | Should -Be 'https://old.example.com/t/mcp'
        Invoke-InHome $testHome "Export-McpClientConfig -Client Cursor -Name t -Uri 'https://new.example.com/t/mcp' -Force" | Out-Null
        (Get-Content -LiteralPath $file -Raw | ConvertFrom-Json).mcpServers.t.url | Should -Be 'https://new.example.com/t/mcp'
    }

    It 'shows the change as a diff under -WhatIf and writes nothing' {
        $testHome = New-TestHome 'whatif'
        $text = (Invoke-InHome $testHome "Export-McpClientConfig -Client Windsurf -Name t -Uri 'https://gw.example.com/t/mcp' -WhatIf") -join "`n"
        $text | Should -Match 'What if: .*Write Windsurf MCP configuration'
        $text | Should -Match ([regex]::Escape('+      "serverUrl": "https://gw.example.com/t/mcp",'))
        Test-Path -LiteralPath (Join-Path $testHome.Home '.codeium') | Should -BeFalse
    }
}

Describe 'The generated commands run for real' {
    It 'Claude Code''s headersHelper prints the header the MCP server accepts' {
        $testHome = New-TestHome 'helper'
        # The helper runs in the user's environment: the profile store, the cache and the secret variable of this session.
        $testHome.Environment = @{}
        Invoke-InHome $testHome "Export-McpClientConfig -Client ClaudeCode -ConfigScope Project -Name fixture -Uri '$($Server.Url)' -Profile export-bot" | Out-Null
        $entry = (Get-Content -LiteralPath (Join-Path $testHome.Project '.mcp.json') -Raw | ConvertFrom-Json).mcpServers.fixture
        $entry.headers | Should -BeNullOrEmpty
        $entry.headersHelper | Should -BeLike '"*pwsh*" -NoProfile -NonInteractive -Command "Import-Module *; Get-McpAccessToken -Profile ''export-bot'' *-As HeaderJson -AsPlainText"'
        # As Claude Code runs it: through the shell, reading a JSON object of header names and values from stdout.
        $printed = if ($IsWindows) { cmd /c $entry.headersHelper } else { sh -c $entry.headersHelper }
        $LASTEXITCODE | Should -Be 0
        $headers = ($printed -join "`n") | ConvertFrom-Json -AsHashtable
        @($headers.Keys) | Should -Be @('X-Authorization')
        $headers['X-Authorization'] | Should -Match '^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$'
        $answer = Invoke-Fixture $Server.Url $headers
        $answer.Status | Should -Be 200
        ($answer.Body | ConvertFrom-Json).result.tools.name | Should -Be @('echo', 'add', 'current_time')
        (Invoke-Fixture $Server.Url @{ 'X-Authorization' = 'Bearer wrong' }).Status | Should -Be 401
    }

    It 'Cline with -Profile -IncludeToken gets a token through the profile and writes one the server accepts' {
        $testHome = New-TestHome 'cline-profile'
        # The profile store and the secret variable are this session's; -Path keeps the file in the test home.
        $testHome.Environment = @{}
        $file = Join-Path $testHome.Root 'cline_mcp_settings.json'
        $text = (Invoke-InHome $testHome "Export-McpClientConfig -Client Cline -Path '$file' -Name fixture -Uri '$($Server.Url)' -Profile export-bot -IncludeToken") -join "`n"
        $text | Should -Match 'holds the token \(<secret [0-9a-f]{8}>\) in plain text'
        if (-not $IsWindows) { (Get-Item -LiteralPath $file).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
        $headers = (Get-Content -LiteralPath $file -Raw | ConvertFrom-Json -AsHashtable).mcpServers.fixture.headers
        $headers['X-Authorization'] | Should -Match '^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$'
        $text | Should -Not -Match ([regex]::Escape($headers['X-Authorization'].Substring(7)))
        (Invoke-Fixture $Server.Url $headers).Status | Should -Be 200
    }

    It 'the Claude Desktop bridge (<Case>) lists the server''s tools through mcp-remote' -ForEach @(
        @{ Case = 'profile'; Arguments = '-Profile export-bot'; Static = $false }
        @{ Case = 'static token in env'; Arguments = '-Token $token -IncludeToken'; Static = $true }
    ) {
        $testHome = New-TestHome "desktop-$($Case -replace ' ', '-')"
        # The bridge reads the profile from this session's folders, so the child keeps them and -Path names the file.
        $testHome.Environment = @{}
        $configFile = Join-Path $testHome.Config 'Claude/claude_desktop_config.json'
        $target = if ($Static) { $StaticServer } else { $Server }
        $setToken = "`$token = ConvertTo-SecureString '$StaticToken' -AsPlainText -Force;"
        Invoke-InHome $testHome "$setToken Export-McpClientConfig -Client ClaudeDesktop -Name fixture -Uri '$($target.Url)' $Arguments -McpRemotePath '$(Get-McpRemotePath)' -Path '$configFile'" | Out-Null
        $entry = (Get-Content -LiteralPath $configFile -Raw | ConvertFrom-Json).mcpServers.fixture

        # Started exactly as the configuration says: command, args, env.
        $start = [System.Diagnostics.ProcessStartInfo]::new($entry.command)
        foreach ($argument in $entry.args) { $start.ArgumentList.Add($argument) }
        if ($entry.env) { foreach ($p in $entry.env.PSObject.Properties) { $start.Environment[$p.Name] = $p.Value } }
        # mcp-remote keeps its state in ~/.mcp-auth: the test home's.
        $start.Environment['HOME'] = $testHome.Home
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $bridge = [System.Diagnostics.Process]::Start($start)
        $stderr = $bridge.StandardError.ReadToEndAsync()
        try {
            $answers = Invoke-StdioMcp $bridge @(
                @{ jsonrpc = '2.0'; id = 1; method = 'initialize'; params = @{ protocolVersion = '2025-06-18'; capabilities = @{}; clientInfo = @{ name = 'pester'; version = '1.0' } } }
                @{ jsonrpc = '2.0'; method = 'notifications/initialized' }
                @{ jsonrpc = '2.0'; id = 2; method = 'tools/list' }
            ) -WaitForIds 1, 2
        }
        finally {
            if (-not $bridge.HasExited) { $bridge.Kill($true) }
            $bridge.WaitForExit()
        }
        $because = "the bridge's stderr was: $($stderr.Result)"
        $answers[1].result.serverInfo.name | Should -Be 'mcpregistryauth-fixture' -Because $because
        $answers[2].result.tools.name | Should -Be @('echo', 'add', 'current_time') -Because $because
        $entry.args | Where-Object { $_ -match '\s' } | Should -BeNullOrEmpty
        ($entry | ConvertTo-Json -Depth 5) | Should -Not -Match ([regex]::Escape($IdpToken))
    }
}
