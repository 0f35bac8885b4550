#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Test-McpConnection and Invoke-McpMethod against real MCP servers (the official TypeScript SDK on loopback):
# the fixture server, servers that page, speak SSE, keep sessions, drop them, answer 406 or hang, and the
# gateway emulation answering from its fixed table (tests/fixtures/mcp-server/gateway-table.json).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'McpServerHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:Token = 'mcp-conn-' + [guid]::NewGuid().ToString('N')
    $script:Server = Start-TestMcpServer -Directory (Join-Path $TestDrive 'server') -Token $Token
    $script:Variants = @{}
    foreach ($mode in 'paged', 'sse', 'stateful', 'drop', 'accept', 'hang', 'empty') { $script:Variants[$mode] = Start-McpVariant $mode }
    $script:Gateway = Start-TestMcpGateway (Join-Path $TestDrive 'gateway')

    # A port nothing listens on: bound, then released.
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $script:ClosedPort = $listener.LocalEndpoint.Port; $listener.Stop()

    # Runs a command, returning its output and its errors apart.
    function Invoke-Captured([scriptblock] $Command) {
        $all = @(& $Command 2>&1 3>$null)
        @{ Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }); Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
    }
}

AfterAll {
    Stop-TestMcpServer $Server
    foreach ($variant in $Variants.Values) { Stop-McpVariant $variant }
    Stop-TestMcpGateway $Gateway
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Test-McpConnection against the MCP server fixture' {
    It 'passes every step in order, with timings, the server''s name, protocol version, capabilities and tool count' {
        $result = Test-McpConnection $Server.Url -Token $Token
        $result.Succeeded | Should -BeTrue
        $result.Steps.Name | Should -Be @('DNS', 'TCP', 'HTTP', 'Auth', 'Initialize', 'List')
        @($result.Steps | Where-Object { -not $_.Passed }) | Should -BeNullOrEmpty
        @($result.Steps | Where-Object Name -in 'TCP', 'HTTP', 'Initialize', 'List' | Where-Object Milliseconds -le 0) | Should -BeNullOrEmpty
        $result.ServerName | Should -Be 'mcpregistryauth-fixture'
        $result.ServerVersion | Should -Be '1.0.0'
        $result.ProtocolVersion | Should -Be '2025-03-26' -Because 'the version the gateway''s recipe sends is asked for unless -ProtocolVersion says otherwise'
        $result.Capabilities | Should -Be @('tools', 'resources', 'prompts')
        $result.ToolCount | Should -Be 3
        $result.ResourceCount | Should -Be 2
        $result.PromptCount | Should -Be 2
        $result.Tools.Name | Should -Be @('echo', 'add', 'current_time')
    }

    It '-ProtocolVersion asks for another version; Latest lets the SDK probe with server/discover and fall back to initialize' {
        (Test-McpConnection $Server.Url -Token $Token -ProtocolVersion 2025-06-18).ProtocolVersion | Should -Be '2025-06-18'
        (Test-McpConnection $Server.Url -Token $Token -ProtocolVersion Latest).ProtocolVersion | Should -Be '2025-11-25'
    }

    It 'sends the token in X-Authorization, the header the gateway reads on MCP paths (alias -Url)' {
        (Test-McpConnection -Url $Server.Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -Quiet) | Should -BeTrue
    }

    It '-Quiet returns $false, and no error, when the connection fails' {
        $run = Invoke-Captured { Test-McpConnection $Server.Url -Token 'not-the-token' -Quiet }
        $run.Output | Should -Be @($false)
        $run.Errors | Should -BeNullOrEmpty
    }

    It 'a wrong token is an Auth failure at the Auth step, diagnosed by the shared service, and the token appears nowhere' {
        $wrong = 'wrong-' + [guid]::NewGuid().ToString('N')
        $run = Invoke-Captured { Test-McpConnection $Server.Url -Token $wrong -Verbose 4>&1 }
        $result = $run.Output | Where-Object { $_.PSObject.TypeNames[0] -eq 'McpRegistryAuth.Core.McpProtocol.McpConnectionResult' }
        $result.FailureClass | Should -Be 'Auth'
        $result.FailedStep | Should -Be 'Auth'
        ($result.Steps | Where-Object Name -eq 'Auth').Passed | Should -BeFalse
        $result.Message | Should -Match '401.*DGN\d{3}'
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'McpAuth,*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        (($run.Output | Out-String) + ($run.Errors | Out-String)) | Should -Not -BeLike "*$wrong*"
    }

    It 'no token at all is an Auth failure whose cause is that no token was sent' {
        $result = Test-McpConnection $Server.Url -ErrorAction SilentlyContinue
        $result.FailureClass | Should -Be 'Auth'
        $result.Message | Should -Match 'DGN\d{3}: No token was sent'
    }

    It 'a port nothing listens on is Unreachable at the TCP step' {
        $run = Invoke-Captured { Test-McpConnection "http://127.0.0.1:$ClosedPort/fixture/mcp" -Token $Token }
        $run.Output[0].FailureClass | Should -Be 'Unreachable'
        $run.Output[0].FailedStep | Should -Be 'TCP'
        $run.Output[0].Steps.Name | Should -Be @('DNS', 'TCP')
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'a name that does not resolve is Unreachable at the DNS step' {
        $result = Test-McpConnection 'https://mcp-connection-test.invalid/fixture/mcp' -Token $Token -ErrorAction SilentlyContinue
        $result.FailureClass | Should -Be 'Unreachable'
        $result.FailedStep | Should -Be 'DNS'
    }

    It 'https to a plain-http server fails at the TLS step' {
        $run = Invoke-Captured { Test-McpConnection "https://127.0.0.1:$($Server.Port)/fixture/mcp" -Token $Token -TimeoutSec 5 }
        $run.Output[0].FailedStep | Should -Be 'TLS'
        $run.Output[0].FailureClass | Should -Be 'Unreachable'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'a URL that is not http(s), and a token over plain http to another host, are Usage failures; nothing is sent' {
        $run = Invoke-Captured { Test-McpConnection 'ftp://127.0.0.1/fixture/mcp' -Token $Token }
        $run.Output[0].FailureClass | Should -Be 'Usage'
        $run.Output[0].Steps | Should -BeNullOrEmpty
        $run.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $plain = Test-McpConnection 'http://mcp.example.com/fixture/mcp' -Token $Token -ErrorAction SilentlyContinue
        $plain.FailureClass | Should -Be 'Usage'
        $plain.Message | Should -BeLike '*plain http*'
        $run = Invoke-Captured { Test-McpConnection 'not a url' }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'McpUsage,*'
    }
}

Describe 'Test-McpConnection: protocol failures, transports and paging' {
    It 'a 406 for an Accept without both types is a Protocol failure that names the two types' {
        $run = Invoke-Captured { Test-McpConnection $Variants.accept.Url }
        $result = $run.Output[0]
        $result.FailureClass | Should -Be 'Protocol'
        $result.FailedStep | Should -Be 'Initialize'
        $result.Message | Should -BeLike '*406*application/json, text/event-stream*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ProtocolError'
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'McpProtocol,*'
    }

    It 'a session the server drops after initialize is a Protocol failure at the List step that says so' {
        $result = Test-McpConnection $Variants.drop.Url -ErrorAction SilentlyContinue
        $result.FailureClass | Should -Be 'Protocol'
        $result.FailedStep | Should -Be 'List'
        $result.HasSession | Should -BeTrue
        $result.Message | Should -BeLike '*404*Mcp-Session-Id*dropped the session*'
    }

    It 'a server that never answers is Unreachable (timed out) after -TimeoutSec' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $run = Invoke-Captured { Test-McpConnection $Variants.hang.Url -TimeoutSec 2 }
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 20
        $run.Output[0].FailureClass | Should -Be 'Unreachable'
        $run.Output[0].FailedStep | Should -Be 'HTTP'
        ($run.Output[0].Steps | Where-Object Name -eq 'TCP').Passed | Should -BeTrue
        $run.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'Ctrl+C (StopProcessing) stops a connection to a server that hangs' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$(Get-BuiltModulePath)'; Test-McpConnection '$($Variants.hang.Url)' -TimeoutSec 120")
            $handle = $shell.BeginInvoke()
            Start-Sleep -Seconds 3
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(20)) | Should -BeTrue
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 20
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $shell.Dispose() }
    }

    It 'a stateful server gives an Mcp-Session-Id, and the session is closed at the end' {
        $result = Test-McpConnection $Variants.stateful.Url
        $result.Succeeded | Should -BeTrue
        $result.HasSession | Should -BeTrue
        $base = $Variants.stateful.Url -replace '/fixture/mcp$', ''
        (Invoke-RestMethod "$base/test/sessions").open | Should -Be 0
    }

    It 'speaks the older SSE transport with -Transport Sse' {
        $result = Test-McpConnection $Variants.sse.Url -Transport Sse
        $result.Succeeded | Should -BeTrue
        $result.Transport | Should -Be 'Sse'
        $result.Tools.Name | Should -Be @('echo', 'fail')
    }

    It 'follows nextCursor over every page of tools/list' {
        $result = Test-McpConnection $Variants.paged.Url
        $result.ToolCount | Should -Be 7
        $result.ToolPages | Should -Be 4
        $result.Tools.Name | Should -Be @('alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf')
    }

    It '0 tools is explained as the likely scope-key mismatch (MCP001)' {
        $warnings = $null
        $result = Test-McpConnection $Variants.empty.Url -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Succeeded | Should -BeTrue
        $result.ToolCount | Should -Be 0
        ($warnings -join "`n") | Should -BeLike '*MCP001*server_access entry whose server is ''fixture''*'
    }

    It 'a tool that answers isError is a ToolError failure at the Call step' {
        $run = Invoke-Captured { Test-McpConnection $Variants.stateful.Url -CallTools fail -Confirm:$false }
        $run.Output[0].FailureClass | Should -Be 'ToolError'
        $run.Output[0].FailedStep | Should -Be 'Call'
        ($run.Output[0].Tools | Where-Object Name -eq fail).ToolError | Should -BeTrue
        $run.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
    }

    It '-WhatIf calls no tool' {
        $result = Test-McpConnection $Variants.stateful.Url -CallTools echo -ToolArguments @{ echo = @{ text = 'hi' } } -WhatIf
        ($result.Tools | Where-Object Name -eq echo).ObservedStatus | Should -BeNullOrEmpty
    }
}

Describe 'Test-McpConnection through the gateway emulation: predicted versus observed' {
    BeforeDiscovery {
        $callers = @(
            @{ Group = 'fixture-users'; Token = 'fixture-users-token-3b7d91' }
            @{ Group = 'fixture-time'; Token = 'fixture-time-token-c4e028' }
        )
    }

    It 'agrees with the fixed table on every tool for <Group>' -ForEach $callers {
        $arguments = @{ echo = @{ text = 'hi' }; add = @{ a = 1; b = 2 } }
        $result = Test-McpConnection $Gateway.Url -Token $Token -ScopesPath $Gateway.ScopesPath -Group $Group -CallTools echo, add, current_time -ToolArguments $arguments -Confirm:$false
        $result.Succeeded | Should -BeTrue
        $expected = $Gateway.Table.toolsCall.$Group
        $result.Tools.Count | Should -Be 3
        foreach ($tool in $result.Tools) {
            $status = $expected.($tool.Name)
            $tool.Predicted | Should -Be ($status -eq 200) -Because "the table says $status for $($tool.Name) ($($tool.PredictedDetail))"
            $tool.ObservedStatus | Should -Be $status -Because "the gateway answers $($tool.Name) from the table"
            $tool.Disagrees | Should -BeFalse
        }
        $result.Disagreements | Should -Be 0
    }

    It 'flags a disagreement (MCP002) when the scopes predicted are not the caller''s' {
        $warnings = $null
        $result = Test-McpConnection $Gateway.Url -Token 'fixture-time-token-c4e028' -ScopesPath $Gateway.ScopesPath -Group fixture-users -CallTools echo -ToolArguments @{ echo = @{ text = 'hi' } } -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        $echo = $result.Tools | Where-Object Name -eq echo
        $echo.Predicted | Should -BeTrue
        $echo.ObservedStatus | Should -Be 403
        $echo.Disagrees | Should -BeTrue
        $result.Disagreements | Should -Be 1
        ($warnings -join "`n") | Should -BeLike '*MCP002*echo*'
    }

    It 'the gateway forwards the identity headers and no client credential upstream' {
        $null = Test-McpConnection $Gateway.Url -Token 'fixture-users-token-3b7d91'
        $base = $Gateway.Url -replace '/fixture/mcp$', ''
        $forwarded = @(Invoke-RestMethod "$base/test/forwarded")
        $forwarded.Count | Should -BeGreaterThan 0
        foreach ($request in $forwarded) {
            $request.headers | Should -Contain 'x-scopes'
            $request.headers | Should -Contain 'x-groups'
            $request.headers | Should -Not -Contain 'authorization'
        }
    }

    It 'with -ProtocolVersion Latest the SDK''s server/discover probe gets the gateway''s 403: no scope grants that method' {
        $result = Test-McpConnection $Gateway.Url -Token 'fixture-users-token-3b7d91' -ProtocolVersion Latest -ScopesPath $Gateway.ScopesPath -Group fixture-users -ErrorAction SilentlyContinue
        $result.FailureClass | Should -Be 'Auth'
        $result.Message | Should -BeLike '*403 to server/discover*'
    }

    It 'an unknown token gets the gateway''s 401 and an Auth failure' {
        $result = Test-McpConnection $Gateway.Url -Token 'nobody-token' -ErrorAction SilentlyContinue
        $result.FailureClass | Should -Be 'Auth'
        $result.Message | Should -BeLike '*401*Authentication required*'
    }
}

Describe 'Invoke-McpMethod' {
    It 'returns a method''s result object (tools/call)' {
        $result = Invoke-McpMethod $Server.Url tools/call @{ name = 'add'; arguments = @{ a = 2; b = 3 } } -Token $Token -Confirm:$false
        $result.content[0].text | Should -Be '5'
    }

    It 'takes -Params as JSON text too' {
        $result = Invoke-McpMethod $Server.Url tools/call '{"name":"echo","arguments":{"text":"as json"}}' -Token $Token -Confirm:$false
        $result.content[0].text | Should -Be 'as json'
    }

    It 'writes every item of every page with -All, one page without it' {
        $all = @(Invoke-McpMethod $Variants.paged.Url tools/list -All)
        $all.Count | Should -Be 7
        $all[6].name | Should -Be 'golf'
        $page = Invoke-McpMethod $Variants.paged.Url tools/list
        $page.tools.Count | Should -Be 2
        $page.nextCursor | Should -Not -BeNullOrEmpty
    }

    It 'initialize returns what the server said; a notification returns nothing; ping an empty result' {
        (Invoke-McpMethod $Server.Url initialize -Token $Token).serverInfo.name | Should -Be 'mcpregistryauth-fixture'
        @(Invoke-McpMethod $Server.Url notifications/initialized -Token $Token) | Should -BeNullOrEmpty
        $ping = Invoke-McpMethod $Server.Url ping -Token $Token
        @($ping.PSObject.Properties).Count | Should -Be 0
    }

    It 'opens a session of its own and closes it before it returns' {
        (Invoke-McpMethod $Variants.stateful.Url tools/list -All).name | Should -Be @('echo', 'fail')
        $base = $Variants.stateful.Url -replace '/fixture/mcp$', ''
        (Invoke-RestMethod "$base/test/sessions").open | Should -Be 0
    }

    It 'speaks SSE with -Transport Sse' {
        (Invoke-McpMethod $Variants.sse.Url tools/list -All -Transport Sse).name | Should -Be @('echo', 'fail')
    }

    It 'an unknown method is a Protocol error with the JSON-RPC code' {
        $errors = $null
        Invoke-McpMethod $Server.Url no/such/method -Token $Token -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'McpProtocol,*'
        $errors[0].Exception.Message | Should -BeLike '*-32601*'
    }

    It 'a refused call is an Auth error diagnosed like Invoke-RegistryApi''s, and the pipeline goes on' {
        $errors = $null
        $out = 'one', 'two' | ForEach-Object { Invoke-McpMethod $Server.Url ping -Token 'not-the-token' -ErrorVariable +errors -ErrorAction SilentlyContinue }
        $out | Should -BeNullOrEmpty
        $errors.Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'McpAuth,*'
        $errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $errors[0].Exception.Message | Should -Match 'DGN\d{3}'
    }

    It 'a 403 from the gateway for a tool is an Auth error (PermissionDenied)' {
        $errors = $null
        Invoke-McpMethod $Gateway.Url tools/call @{ name = 'add'; arguments = @{ a = 1; b = 2 } } -Token 'fixture-users-token-3b7d91' -ScopesPath $Gateway.ScopesPath -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'McpAuth,*'
        $errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'completes -Method with the MCP method names' {
        $completions = TabExpansion2 -inputScript 'Invoke-McpMethod http://x/mcp tools/' -cursorColumn 'Invoke-McpMethod http://x/mcp tools/'.Length
        $completions.CompletionMatches.CompletionText | Should -Be @('tools/list', 'tools/call')
    }
}
