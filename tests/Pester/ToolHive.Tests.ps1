#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Runs against the built module ($env:MCPREGISTRYAUTH_MODULE_PATH from build.ps1 -Task Pester, else the newest build).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:ModulePath = Get-BuiltModulePath
    Import-Module $script:ModulePath -Force
    $script:Corpus = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/toolhive/corpus'
}

AfterAll {
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Test-RegistryAuthConfig' {
    It 'returns no Error finding for the seed''s basic OAuth config' {
        $findings = Test-RegistryAuthConfig -Path (Join-Path $script:Corpus 'seed-01-oauth-basic.yaml')
        $findings | Where-Object Severity -eq 'Error' | Should -BeNullOrEmpty
        ($findings | Where-Object Code -eq 'THV050') | Should -Not -BeNullOrEmpty
    }

    It 'reports every provider error in the server''s order with the server''s text' {
        $findings = Test-RegistryAuthConfig -Path (Join-Path $script:Corpus 'err-31-two-providers-several-errors.yaml')
        $errors = @($findings | Where-Object Severity -eq 'Error')
        $errors.Code | Should -Be @('THV005', 'THV010', 'THV009')
        $errors[0].Message | Should -BeExactly 'failed to load configuration: invalid configuration: invalid auth configuration: auth.oauth.providers[0].name is required'
        $errors[0].ExactText | Should -BeTrue
        $errors[0].Line | Should -Be 10
    }

    It 'returns only $true or $false with -Quiet' {
        Test-RegistryAuthConfig -Path (Join-Path $script:Corpus 'seed-06-anonymous.yaml') -Quiet | Should -BeExactly $true
        Test-RegistryAuthConfig -Path (Join-Path $script:Corpus 'err-30-issuer-http.yaml') -Quiet | Should -BeExactly $false
    }

    It 'accepts files from the pipeline by property name' {
        $results = Get-ChildItem -LiteralPath $script:Corpus -Filter 'err-2*.yaml' | Test-RegistryAuthConfig -Quiet
        @($results).Count | Should -Be (@(Get-ChildItem -LiteralPath $script:Corpus -Filter 'err-2*.yaml').Count)
        $results | Should -Not -Contain $true
    }

    It 'says which piped file each finding belongs to' {
        $files = Get-ChildItem -LiteralPath $script:Corpus -Filter 'err-3*.yaml'
        $findings = $files | Test-RegistryAuthConfig
        $findings | ForEach-Object { $_.File | Should -BeIn $files.FullName }
        ($findings.File | Select-Object -Unique) | Should -Be @($files.FullName)
        # The default view's File column shows the name's end, where piped files differ.
        ($findings | Select-Object -First 1 | Out-String -Width 80) | Should -Match ([regex]::Escape($files[0].Name.Substring($files[0].Name.Length - 12)))
    }

    It 'gives one [bool] per input with -Quiet, in input order, $false for a path that cannot be read' {
        $inputs = @((Join-Path $script:Corpus 'seed-06-anonymous.yaml'), (Join-Path $TestDrive 'missing.yaml'), $TestDrive, (Join-Path $script:Corpus 'err-30-issuer-http.yaml'), (Join-Path $script:Corpus 'seed-01-oauth-basic.yaml'))
        $results = Test-RegistryAuthConfig -Path $inputs -Quiet -ErrorAction SilentlyContinue -ErrorVariable problems
        $results | Should -Be @($true, $false, $false, $false, $true)
        $results | ForEach-Object { $_ | Should -BeOfType [bool] }
        $problems.FullyQualifiedErrorId | Should -Be @('RegistryAuthConfigNotFound,McpRegistryAuth.Commands.TestRegistryAuthConfigCommand', 'RegistryAuthConfigIsFolder,McpRegistryAuth.Commands.TestRegistryAuthConfigCommand')
    }

    It 'applies -Environment overrides only to keys present in the file' {
        $file = Join-Path $script:Corpus 'seed-06-anonymous.yaml'
        $findings = Test-RegistryAuthConfig -Path $file -Environment @{ THV_REGISTRY_AUTH_MODE = 'OAuth' }
        ($findings | Where-Object Severity -eq 'Error').Code | Should -Be 'THV002'
        $ignored = Test-RegistryAuthConfig -Path $file -Environment @{ THV_REGISTRY_AUTH_OAUTH_REALM = 'corp' }
        ($ignored | Where-Object Code -eq 'THV046') | Should -Not -BeNullOrEmpty
    }

    It 'checks the files a provider names under -FileRoot' {
        $root = Join-Path $TestDrive 'rootfs'
        New-Item -ItemType Directory -Path (Join-Path $root 'etc/ssl/certs') -Force | Out-Null
        Set-Content -LiteralPath (Join-Path $root 'etc/ssl/certs/internal-ca.crt') -Value 'not a certificate'
        $findings = Test-RegistryAuthConfig -Path (Join-Path $script:Corpus 'seed-08-custom-ca.yaml') -FileRoot $root
        $error13 = $findings | Where-Object Code -eq 'THV013'
        $error13.Message | Should -BeLike '*failed to parse CA certificate bundle'
    }

    It 'writes a non-terminating error with a stable id for a missing file' {
        $null = Test-RegistryAuthConfig -Path (Join-Path $TestDrive 'missing.yaml') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'RegistryAuthConfigNotFound*'
    }

    It 'turns malformed YAML into a finding with a line, not an exception' {
        $file = Join-Path $TestDrive 'tabs.yaml'
        Set-Content -LiteralPath $file -Value "auth:`n`tmode: oauth" -NoNewline
        $finding = Test-RegistryAuthConfig -Path $file | Where-Object Code -eq 'YAML002'
        $finding.Line | Should -Be 2
    }

    It 'applies -AuthMode after validation, as serve --auth-mode does' {
        $findings = Test-RegistryAuthConfig -Path (Join-Path $script:Corpus 'seed-06-anonymous.yaml') -AuthMode oauth
        ($findings | Where-Object Severity -eq 'Error').Message | Should -BeExactly 'failed to build application: failed to build auth middleware: oauth configuration is required for oauth mode'
    }

    It 'narrates the load on the verbose stream' {
        $verbose = Test-RegistryAuthConfig -Path (Join-Path $script:Corpus 'seed-01-oauth-basic.yaml') -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match "Provider 0 'keycloak'"
    }
}

Describe 'Get-RegistryAuthMetadata' {
    It 'parses a WWW-Authenticate value without any request' {
        $header = 'Bearer realm="mcp-registry", error="invalid_token", error_description="token validation failed", resource_metadata="https://registry.example.com/.well-known/oauth-protected-resource"'
        $challenge = Get-RegistryAuthMetadata -WwwAuthenticate $header
        $challenge.Scheme | Should -Be 'Bearer'
        $challenge.Error | Should -Be 'invalid_token'
        $challenge.ResourceMetadata | Should -Be 'https://registry.example.com/.well-known/oauth-protected-resource'
    }

    It 'rejects a relative -Uri with a stable error id' {
        { Get-RegistryAuthMetadata -Uri 'registry.example.com' -ErrorAction Stop } | Should -Throw -ErrorId 'RegistryUriInvalid*'
    }

    It 'reads real answers and writes each HTTP exchange to the debug stream' {
        # A loopback server answering 404 from another thread, so HttpClient completes on thread-pool
        # threads: the debug lines written from there must not turn into failed requests.
        $tcp = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $tcp.Start()
        $port = $tcp.LocalEndpoint.Port
        $server = Start-ThreadJob -ArgumentList $tcp -ScriptBlock {
            param($listener)
            try {
                while ($true) {
                    $client = $listener.AcceptTcpClient()
                    $stream = $client.GetStream()
                    $reader = [System.IO.StreamReader]::new($stream)
                    while ($reader.ReadLine()) { }
                    $bytes = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 404 Not Found`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
                    $stream.Write($bytes, 0, $bytes.Length)
                    $client.Close()
                }
            }
            catch {
                # Stop() ends AcceptTcpClient.
            }
        }
        try {
            $records = Get-RegistryAuthMetadata -Uri "http://127.0.0.1:$port/registry/v0.1/servers" -TimeoutSec 10 -Debug -WarningAction SilentlyContinue 5>&1
            $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
            $result = $records | Where-Object { $_ -isnot [System.Management.Automation.DebugRecord] }
            $result.ProbeStatus | Should -Be 404
            ($debug.Message -join "`n") | Should -BeLike "*HTTP 404 from http://127.0.0.1:$port/*"
            ($result.Findings | Where-Object Code -eq 'PRM004') | Should -Not -BeNullOrEmpty
        }
        finally {
            $tcp.Stop()
            $server | Wait-Job -Timeout 10 | Out-Null
            $server | Remove-Job -Force
        }
    }
}

Describe 'YamlDotNet isolation' {
    It 'works after another module loaded YamlDotNet 13.7.1 into the session: every cmdlet' {
        # Another module's YamlDotNet, restored from the package source by the test run.
        $yamlDll = Get-OldYamlDotNetPath
        $yamlDll | Should -Exist

        # A fresh process: YamlDotNet 13.7.1 first, then the module, then one call of each cmdlet
        # (the YAML readers among them: ToolHive configs and scopes.yml).
        $config = Join-Path $script:Corpus 'seed-01-oauth-basic.yaml'
        $scopes = Join-Path $PSScriptRoot '../McpRegistryAuth.Core.Tests/Fixtures/scopes/default-scopes.yml'
        $envFile = Join-Path $TestDrive 'yaml13.env'
        # Release 1.30 does not start without a SECRET_KEY of at least 32 characters.
        Set-Content -LiteralPath $envFile -Value "SECRET_KEY=$(New-RegistryApiToken -AsPlainText)"
        $child = @"
`$ErrorActionPreference = 'Stop'
Add-Type -LiteralPath '$yamlDll'
Import-Module '$($script:ModulePath)'
`$old = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' -and `$_.GetName().Version.Major -eq 13 }
`$findings = Test-RegistryAuthConfig -Path '$config'
`$plain = New-RegistryApiToken -EnvFile '$envFile' -AsPlainText
`$verdict = Test-RegistryToken -Token (ConvertTo-SecureString `$plain -AsPlainText -Force) -Uri 'https://gw.example/api/servers' -EnvFile '$envFile'
`$access = Test-ScopeAccess -ScopesPath '$scopes' -Group registry-users-lob1 -Server currenttime -Method tools/call -Tool current_time_by_timezone
`$rows = @(Get-ScopeAccessMatrix -ScopesPath '$scopes' -Group registry-users-lob1)
`$challenge = Get-RegistryAuthMetadata -WwwAuthenticate 'Bearer realm="r", resource_metadata="https://r.example/.well-known/oauth-protected-resource"'
[pscustomobject]@{
    OldLoaded = [bool]`$old
    Errors    = @(`$findings | Where-Object Severity -eq 'Error').Count
    Status    = `$verdict.Status
    Allowed   = `$access.Allowed
    Rows      = `$rows.Count
    Scheme    = `$challenge.Scheme
    Versions  = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object { `$_.GetName().Version.Major }) -join ','
    CoreContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'McpRegistryAuth.Core' })).Name
} | ConvertTo-Json -Compress
"@
        $output = Invoke-ChildPwsh $child
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $result = $output | Select-Object -Last 1 | ConvertFrom-Json
        $result.OldLoaded | Should -BeTrue
        $result.Errors | Should -Be 0
        $result.Status | Should -Be 200
        $result.Allowed | Should -BeTrue
        $result.Rows | Should -BeGreaterThan 0
        $result.Scheme | Should -Be 'Bearer'
        ($result.Versions -split ',') | Should -Contain '13'
        ($result.Versions -split ',') | Should -Contain '16'
        $result.CoreContext | Should -Be 'McpRegistryAuth'
    }
}
