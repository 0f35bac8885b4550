#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Invoke-RegistryApi against a loopback registry (tests/fixtures/registry-api), run in a child pwsh against
# the module as built in out/, as a pipeline task would run it.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryApiHelpers.ps1')
    $script:Registry = Start-TestRegistry
    $script:ModulePath = Get-BuiltModulePath
    Import-Module $script:ModulePath -Force
    $script:Token = ConvertTo-SecureString $RegistryToken -AsPlainText -Force
    $script:Base = $Registry.BaseUrl

    # Runs a script in a child pwsh with the module imported, $Base and $Token defined; returns every stream's text.
    function Invoke-InChild([string] $Script) {
        $prelude = "`$PSStyle.OutputRendering = 'PlainText'; Import-Module '$script:ModulePath'; `$Base = '$script:Base'; `$Token = ConvertTo-SecureString '$RegistryToken' -AsPlainText -Force; "
        (Invoke-ChildPwsh ($prelude + $Script) 2>&1 | Out-String -Width 80)
    }
}

AfterAll {
    Stop-TestRegistry $Registry
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Invoke-RegistryApi' {
    It 'gets one answer as objects, the URL relative to -RegistryUrl' {
        $config = Invoke-RegistryApi /api/config -RegistryUrl $Base -Token $Token
        $config.version | Should -Be '1.32.1'
    }

    It 'takes the registry URL from REGISTRY_URL, as the gateway scripts do' {
        $env:REGISTRY_URL = $Base
        try { (Invoke-RegistryApi /api/config -Token $Token).registry_mode | Should -Be 'full' }
        finally { Remove-Item Env:REGISTRY_URL }
    }

    It '-All streams every item of every page, one by one' {
        $first = Invoke-RegistryApi '/api/servers?total=95' -RegistryUrl $Base -Token $Token -All | Select-Object -First 1
        $first.path | Should -Be '/server-0'
        $all = @(Invoke-RegistryApi '/api/servers?total=95' -RegistryUrl $Base -Token $Token -All)
        $all.Count | Should -Be 95
        $all[-1].path | Should -Be '/server-94'
        @(Invoke-RegistryApi /registry/default/v0.1/servers -RegistryUrl $Base -Token $Token -All).Count | Should -Be 75
    }

    It 'without -All returns one page, as the server sent it' {
        $page = Invoke-RegistryApi '/api/servers?total=95' -RegistryUrl $Base -Token $Token
        $page.servers.Count | Should -Be 20
        $page.has_next | Should -BeTrue
    }

    It 'sends a form where the gateway expects one' {
        $answer = Invoke-RegistryApi /api/servers/register -Method POST -Body @{ name = 'Current Time'; path = '/currenttime' } -RegistryUrl $Base -Token $Token -Confirm:$false
        $answer.service.path | Should -Be '/currenttime'
    }

    It 'reads -TokenFile as the gateway CLI does, with its refusals' {
        $file = Join-Path $TestDrive 'ingress.json'
        [IO.File]::WriteAllText($file, (@{ tokens = @{ access_token = $RegistryToken } } | ConvertTo-Json))
        (Invoke-RegistryApi /api/config -RegistryUrl $Base -TokenFile $file).version | Should -Be '1.32.1'
        [IO.File]::WriteAllText($file, $RegistryToken, [Text.UTF8Encoding]::new($true))
        $failure = $null
        Invoke-RegistryApi /api/config -RegistryUrl $Base -TokenFile $file -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'TokenFileHasBom,*'
    }

    It 'takes a token object from the pipeline by property name, and -HttpMethod' {
        $tokenObject = [pscustomobject]@{ Token = $Token; Fingerprint = 'x' }
        ($tokenObject | Invoke-RegistryApi /api/config -RegistryUrl $Base -HttpMethod GET).version | Should -Be '1.32.1'
    }

    It 'shows minted tokens as fingerprints unless -AsPlainText' {
        $minted = Invoke-RegistryApi /api/tokens/generate -Method POST -Body @{ expires_in_hours = 8 } -RegistryUrl $Base -Token $Token
        $minted.tokens.access_token | Should -Match '^<token [0-9a-f]{8}>$'
        $minted.tokens.expires_in | Should -Be 28800
        (Invoke-RegistryApi /api/tokens/generate -Method POST -Body @{ expires_in_hours = 8 } -RegistryUrl $Base -Token $Token -AsPlainText).tokens.access_token | Should -Be 'minted-access-token-value'
    }

    It 'masks credentials nested in arrays: objects in a list, and every string of a list under a secret name' {
        $config = Invoke-RegistryApi /api/federation/config -RegistryUrl $Base -Token $Token
        $config.peers[0].federation_token | Should -Match '^<token [0-9a-f]{8}>$'
        $config.anthropic.api_key.Count | Should -Be 2
        $config.anthropic.api_key | ForEach-Object { $_ | Should -Match '^<token [0-9a-f]{8}>$' }
        $config.config_id | Should -Be 'default'
        $raw = Invoke-RegistryApi /api/federation/config -RegistryUrl $Base -Token $Token -Raw
        $raw.Body | Should -Not -Match 'anthropic-key|peer-federation-token'
        $plain = Invoke-RegistryApi /api/federation/config -RegistryUrl $Base -Token $Token -AsPlainText
        $plain.anthropic.api_key | Should -Be @('anthropic-key-one', 'anthropic-key-two')
    }

    It '-Raw shows a session cookie''s value as a fingerprint unless -AsPlainText' {
        $raw = Invoke-RegistryApi /api/session -RegistryUrl $Base -Token $Token -Raw
        $raw.Headers['Set-Cookie'] | Should -Match '^mcp_gateway_session=<token [0-9a-f]{8}>; HttpOnly; Path=/; SameSite=Lax$'
        ($raw | Out-String -Width 80) | Should -Not -BeLike '*session-cookie-secret-value*'
        (Invoke-RegistryApi /api/session -RegistryUrl $Base -Token $Token -Raw -AsPlainText).Headers['Set-Cookie'] | Should -BeLike 'mcp_gateway_session=session-cookie-secret-value;*'
    }

    It '-Raw returns status, headers and body' {
        $raw = Invoke-RegistryApi /api/config -RegistryUrl $Base -Token $Token -Raw
        $raw.StatusCode | Should -Be 200
        $raw.Headers['Content-Type'] | Should -Be 'application/json'
        ($raw.Body | ConvertFrom-Json).version | Should -Be '1.32.1'
    }

    It 'explains a 401 in an ErrorRecord with a stable id, category, target and next step' {
        $failure = $null
        Invoke-RegistryApi /api/servers -RegistryUrl $Base -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'RegistryApiUnauthorized,*'
        $failure[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure[0].TargetObject | Should -Be "$Base/api/servers"
        $failure[0].ToString() | Should -BeLike '*DGN001*no token was sent*'
        $failure[0].ErrorDetails.RecommendedAction | Should -BeLike '*Test-RegistryToken -Uri*'
    }

    It 'reads the old gateway 401 with two Content-Type headers, and warns about it' {
        $output = Invoke-InChild "Invoke-RegistryApi /api/old-401 -RegistryUrl `$Base -Token `$Token -WarningAction Continue"
        $output | Should -BeLike '*Token validation failed*'
        $output | Should -BeLike '*DGN013*'
        $output | Should -Not -BeLike "*$RegistryToken*"
    }

    It 'says a 412 means the record changed, and lists the 422 details' {
        $failure = $null
        Invoke-RegistryApi /api/servers/currenttime -Method PATCH -Body @{ description = 'x' } -Header @{ 'If-Match' = 'W/"1"' } -RegistryUrl $Base -Token $Token -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'RegistryApiPreconditionFailed,*'
        $failure[0].ToString() | Should -BeLike '*changed since it was read*'
        Invoke-RegistryApi /api/agents/register -Method POST -Body @{ description = 'no name' } -RegistryUrl $Base -Token $Token -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'RegistryApiValidationFailed,*'
        $failure[0].ToString() | Should -BeLike '*body.name: Field required `[missing`]*'
    }

    It 'retries a 429 after Retry-After, saying so in -Verbose' {
        $output = Invoke-InChild "Invoke-RegistryApi '/api/busy?run=$(New-Guid)' -RegistryUrl `$Base -Token `$Token -Verbose 4>&1"
        $output | Should -BeLike '*answered 429; retry 1 of 3*Retry-After: 1*'
        $output | Should -BeLike '*attempts*2*'
    }

    It 'stops the request at Ctrl+C (the pipeline stopping)' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$ModulePath'; Invoke-RegistryApi '$Base/api/slow' -Token '$RegistryToken'")
            $running = $shell.BeginInvoke()
            Start-Sleep -Seconds 3
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
            $running.IsCompleted | Should -BeTrue
        }
        finally { $shell.Dispose() }
    }

    It 'refuses to send a token over plain http to a host that is not loopback' {
        $failure = $null
        Invoke-RegistryApi http://registry.example.invalid/api/servers -Token $Token -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'UnencryptedAuthenticationRefused,*'
        $failure[0].CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It '-WhatIf sends nothing for a DELETE, and GET needs no confirmation' {
        $output = Invoke-InChild "Invoke-RegistryApi /api/servers/x -Method DELETE -RegistryUrl `$Base -Token `$Token -WhatIf; 'done'"
        $output | Should -BeLike '*What if: Performing the operation "DELETE" on target "*/api/servers/x"*'
        $output | Should -Not -BeLike '*Not Found*'
    }

    It '-Force sends a write that -Confirm would ask about; with -WhatIf it still only describes it' {
        $asked = Invoke-InChild "Invoke-RegistryApi /api/tokens/generate -Method POST -Body @{ expires_in_hours = 1 } -RegistryUrl `$Base -Token `$Token -Confirm; 'after'"
        $asked | Should -BeLike '*NonInteractive*'
        $asked | Should -Not -BeLike '*success*'
        $forced = Invoke-InChild "(Invoke-RegistryApi /api/tokens/generate -Method POST -Body @{ expires_in_hours = 1 } -RegistryUrl `$Base -Token `$Token -Confirm -Force).success"
        $forced.Trim() | Should -Be 'True'
        $whatIf = Invoke-InChild "Invoke-RegistryApi /api/tokens/generate -Method POST -RegistryUrl `$Base -Token `$Token -Force -WhatIf; 'sent nothing'"
        $whatIf | Should -BeLike '*What if: Performing the operation "POST"*sent nothing*'
    }

    It 'runs with -Verbose and -Debug in a non-interactive child, never prompting or showing the token' {
        $output = Invoke-InChild "Invoke-RegistryApi /api/servers -RegistryUrl `$Base -Token `$Token -All -Verbose -Debug *>&1"
        $LASTEXITCODE | Should -Be 0
        $output | Should -BeLike '*Authorization: Bearer <token *>*'
        $output | Should -BeLike '*page 3 (LimitOffset): 5 item(s), last page*'
        $output | Should -Not -BeLike "*$RegistryToken*"
        $output | Should -Not -BeLike '*Continue with this operation*'
    }

    It 'renders its default output at 80 columns' {
        $output = Invoke-InChild "Invoke-RegistryApi /api/servers -RegistryUrl `$Base -Token `$Token -All | Select-Object -First 3"
        $output | Should -BeLike '*/server-0*Server 0*'
        ($output -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }
}
