#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-McpAccessToken's sources beside the OAuth providers, run on the built module in child processes
# with -Verbose -Debug: the token each gateway tool would send (variables and .oauth-tokens files in that
# tool's order, expires_at honoured), Export-McpGatewayTokenFile's ingress.json read back as the gateway's
# tools read it, the mint through the loopback registry's POST /api/tokens/generate with a token from the
# oidc-provider fixture, and a Kubernetes projected token rotated between two calls of one session.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'IdpHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryApiHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:ModulePath = Get-BuiltModulePath
    $script:Idp = Start-TokenTestBed $TestDrive
    $script:Registry = Start-TestRegistry
    $script:Basic = @{ Authority = $Idp.Issuer; ClientId = 'rs256-client'; ClientSecret = $Idp.Secret; Scope = 'read'; CaCertPath = $Idp.CaFile }
    $script:CallerToken = Get-McpAccessToken @Basic -AsPlainText

    function Get-Fingerprint([string] $Token) {
        [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Token))).Substring(0, 8).ToLowerInvariant()
    }

    # A JWT as the tools would carry it (these sources decode tokens, never verify them).
    function New-TestJwt([hashtable] $Claims) {
        $b64 = { param($text) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($text)).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        (& $b64 '{"alg":"RS256","kid":"k1"}') + '.' + (& $b64 ($Claims | ConvertTo-Json -Compress)) + '.c2lnbmF0dXJl'
    }

    # ingress.json as credentials-provider/oauth/ingress_oauth.py writes it (keycloak_m2m).
    function Write-ScriptIngress([string] $Folder, [string] $Token, [double] $ExpiresAt) {
        $dir = New-Item -ItemType Directory -Force (Join-Path $Folder '.oauth-tokens')
        $human = [DateTimeOffset]::FromUnixTimeMilliseconds([long]($ExpiresAt * 1000)).UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss') + ' UTC'
        $text = "{`n  `"provider`": `"keycloak_m2m`",`n  `"access_token`": `"$Token`",`n  `"refresh_token`": null,`n  `"expires_at`": $($ExpiresAt.ToString('R', [cultureinfo]::InvariantCulture)),`n  `"expires_at_human`": `"$human`",`n  `"token_type`": `"Bearer`",`n  `"client_id`": `"mcp-gateway-m2m`",`n  `"saved_at`": `"2026-12-02 06:00:00 UTC`",`n  `"keycloak_url`": `"https://kc.example.com`",`n  `"realm`": `"mcp-gateway`",`n  `"usage_notes`": `"This token is for INGRESS authentication to the MCP Gateway (Keycloak M2M)`"`n}"
        [IO.File]::WriteAllText((Join-Path $dir 'ingress.json'), $text)
    }

    # This session sets neither gateway variable: a child sees only those a test passes.
    Remove-Item Env:MCP_AUTH_TOKEN, Env:MCP_GATEWAY_TOKEN -ErrorAction SilentlyContinue

    # Runs $Call in a child pwsh in $Folder with -Verbose -Debug; returns every stream as text (200 columns) and the 80-column view.
    function Invoke-Source([string] $Folder, [string] $Call, [hashtable] $Environment = @{}) {
        $script = "Set-Location '$Folder'; Import-Module '$ModulePath'; `$r = [Collections.Generic.List[object]]::new(); try { $Call -Verbose -Debug *>&1 | ForEach-Object { `$r.Add(`$_) } } catch { `$r.Add(`$_) }; `$r | Out-String -Width 200; '--- view ---'; `$r | Where-Object { `$_ -isnot [System.Management.Automation.InformationalRecord] } | Out-String -Width 80"
        (Invoke-ChildPwsh $script $Environment) -join "`n"
    }
}

AfterAll {
    Stop-TestRegistry $Registry
    Stop-TokenTestBed $Idp
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Get-McpAccessToken -GatewayTool: each gateway tool''s sources in its order' {
    BeforeEach {
        $script:Work = New-Item -ItemType Directory -Force (Join-Path $TestDrive ("work-" + [guid]::NewGuid().ToString('N')))
        $script:FileToken = New-TestJwt @{ sub = 'mcp-gateway-m2m'; exp = [DateTimeOffset]::UtcNow.AddHours(3).ToUnixTimeSeconds() }
        $script:HomeToken = 'home-ingress-token-' + [guid]::NewGuid().ToString('N')
        $mcp = New-Item -ItemType Directory -Force (Join-Path $env:HOME '.mcp')
        Set-Content -LiteralPath (Join-Path $mcp 'ingress_token') -Value $HomeToken
    }

    AfterEach { Remove-Item -LiteralPath (Join-Path $env:HOME '.mcp/ingress_token') -ErrorAction SilentlyContinue }

    It 'McpUtils: MCP_AUTH_TOKEN first, then ./.oauth-tokens/ingress.json; MCP_GATEWAY_TOKEN is not its variable' {
        Write-ScriptIngress $Work $FileToken ([DateTimeOffset]::UtcNow.AddHours(1).ToUnixTimeMilliseconds() / 1000 + 0.123)
        $variable = 'variable-token-' + [guid]::NewGuid().ToString('N')
        $out = Invoke-Source $Work 'Get-McpAccessToken -GatewayTool McpUtils' @{ MCP_AUTH_TOKEN = $variable }
        $out | Should -BeLike "*Using the token $(Get-Fingerprint $variable) from MCP_AUTH_TOKEN*"
        $out = Invoke-Source $Work 'Get-McpAccessToken -GatewayTool McpUtils' @{ MCP_GATEWAY_TOKEN = $variable }
        $out | Should -Match "(?s)MCP_AUTH_TOKEN is (not set|blank).*Gateway\.TokenSource\.File.*ingress\.json: access_token.*Gateway\.TokenSource\.ExpiresAt.*Using the token $(Get-Fingerprint $FileToken) from .*ingress\.json"
        $out | Should -BeLike '*keycloak_m2m McpUtils*'
        $out | Should -Not -BeLike "*$FileToken*"
        $out | Should -Not -BeLike "*$variable*"
        ($out -split "--- view ---")[1] -split "`n" | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
    }

    It 'McpUtils: an expired ingress.json is refused, naming each source tried' {
        Write-ScriptIngress $Work $FileToken ([DateTimeOffset]::UtcNow.AddMinutes(-2).ToUnixTimeSeconds())
        $out = Invoke-Source $Work 'Get-McpAccessToken -GatewayTool McpUtils'
        $out | Should -Match 'GatewayTokenNotFound|would find no token'
        $out | Should -Match 'MCP_AUTH_TOKEN is (not set|blank); .*ingress\.json: expires_at .* ago'
        $out | Should -Not -BeLike "*$FileToken*"
    }

    It 'TypeScriptCli: MCP_GATEWAY_TOKEN, then ingress.json, then ~/.mcp/ingress_token (an expired ingress.json is skipped)' {
        $variable = 'ts-variable-' + [guid]::NewGuid().ToString('N')
        Write-ScriptIngress $Work $FileToken ([DateTimeOffset]::UtcNow.AddHours(1).ToUnixTimeSeconds())
        Invoke-Source $Work 'Get-McpAccessToken -GatewayTool TypeScriptCli' @{ MCP_GATEWAY_TOKEN = $variable; MCP_AUTH_TOKEN = 'python-only' } | Should -BeLike "*Using the token $(Get-Fingerprint $variable) from MCP_GATEWAY_TOKEN*"
        Invoke-Source $Work 'Get-McpAccessToken -GatewayTool TypeScriptCli' @{ MCP_AUTH_TOKEN = 'python-only' } | Should -BeLike "*Using the token $(Get-Fingerprint $FileToken) from *ingress.json*"
        Write-ScriptIngress $Work $FileToken ([DateTimeOffset]::UtcNow.AddSeconds(-1).ToUnixTimeSeconds())
        $out = Invoke-Source $Work 'Get-McpAccessToken -GatewayTool TypeScriptCli'
        $out | Should -Match '\[FAIL\] Gateway\.TokenSource\.ExpiresAt'
        $out | Should -BeLike "*Using the token $(Get-Fingerprint $HomeToken) from *.mcp/ingress_token*"
    }

    It 'RegistryManagement: only its --token-file, read as the CLI reads it' {
        $file = Join-Path $Work 'token.json'
        Set-Content -LiteralPath $file -Value ('{"token_data": {"access_token": "' + $FileToken + '"}}')
        $out = Invoke-Source $Work "Get-McpAccessToken -GatewayTool RegistryManagement -TokenFile '$file'" @{ MCP_AUTH_TOKEN = 'ignored' }
        $out | Should -Match 'Gateway\.Cli\.TokenFile: observed JSON, token_data\.access_token'
        $out | Should -BeLike "*Using the token $(Get-Fingerprint $FileToken) from $file*"
        Invoke-Source $Work 'Get-McpAccessToken -GatewayTool RegistryManagement' | Should -BeLike '*get-m2m-token.sh*'
    }
}

Describe 'Export-McpGatewayTokenFile: ingress.json the gateway''s tools read back' {
    BeforeAll {
        $script:Work = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'export')
        $script:Ingress = Join-Path $Work '.oauth-tokens/ingress.json'
        Push-Location $Work
        $script:Token = Get-McpAccessToken @Basic
        $script:Written = $Token | Export-McpGatewayTokenFile -GatewayProvider keycloak_m2m -PassThru -WarningVariable script:Warnings -WarningAction SilentlyContinue
    }

    AfterAll { Pop-Location }

    It 'writes the keys ingress_oauth.py writes, in its order, 0600 in a 0700 folder, without BOM' {
        $Written.FullName | Should -Be $Ingress
        $text = Get-Content -LiteralPath $Ingress -Raw
        $keys = [regex]::Matches($text, '(?m)^  "([a-z_]+)":') | ForEach-Object { $_.Groups[1].Value }
        $keys | Should -Be @('provider', 'access_token', 'refresh_token', 'expires_at', 'expires_at_human', 'token_type', 'client_id', 'saved_at', 'keycloak_url', 'realm', 'usage_notes')
        $json = $text | ConvertFrom-Json
        $json.provider | Should -Be 'keycloak_m2m'
        $json.access_token | Should -Be $CallerToken
        $json.refresh_token | Should -BeNullOrEmpty
        $json.expires_at | Should -BeOfType [double]
        [Math]::Abs($json.expires_at - $Token.ExpiresOn.ToUnixTimeMilliseconds() / 1000) | Should -BeLessThan 0.01
        $json.expires_at_human | Should -Be ($Token.ExpiresOn.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss') + ' UTC')
        $json.client_id | Should -Be 'rs256-client'
        $json.usage_notes | Should -Be 'This token is for INGRESS authentication to the MCP Gateway (Keycloak M2M)'
        @($Warnings).Count | Should -Be 2 -Because 'the fixture issuer names no Keycloak realm'
        ([IO.File]::ReadAllBytes($Ingress))[0] | Should -Be ([byte][char]'{')
        if (-not $IsWindows) {
            (Get-Item -LiteralPath $Ingress).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
            (Get-Item -Force -LiteralPath (Split-Path $Ingress)).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        }
    }

    It 'is the token the gateway''s Python CLI, TypeScript CLI and registry_management.py --token-file then send' {
        foreach ($call in 'Get-McpAccessToken -GatewayTool McpUtils', 'Get-McpAccessToken -GatewayTool TypeScriptCli', "Get-McpAccessToken -GatewayTool RegistryManagement -TokenFile '$Ingress'") {
            Invoke-Source $Work $call | Should -BeLike "*Using the token $($Token.Fingerprint) from*"
        }
    }

    It 'is read by Python as cli/mcp_utils.py reads it: json.load, access_token, expires_at against time.time()' {
        $python = Get-Command python3 -ErrorAction SilentlyContinue
        if (-not $python) { Set-ItResult -Skipped -Because 'python3 is not installed'; return }
        $code = 'import json,time,hashlib,sys; d=json.load(open(sys.argv[1])); t=d.get("access_token") or d["tokens"]["access_token"]; print(hashlib.sha256(t.encode()).hexdigest()[:8], d["provider"], d["expires_at"] > time.time(), isinstance(d["expires_at"], float))'
        & $python.Source -c $code $Ingress | Should -Be "$($Token.Fingerprint) keycloak_m2m True True"
    }

    It 'never replaces the file without -Force, and -WhatIf writes nothing' {
        $before = Get-Content -LiteralPath $Ingress -Raw
        $other = Get-McpAccessToken @Basic -ForceRefresh
        $other | Export-McpGatewayTokenFile -GatewayProvider keycloak_m2m -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'GatewayTokenFileExists,McpRegistryAuth.Commands.ExportMcpGatewayTokenFileCommand'
        $failed[0].ErrorDetails.RecommendedAction | Should -BeLike '*-Force*'
        $other | Export-McpGatewayTokenFile -GatewayProvider keycloak_m2m -Force -WhatIf -WarningAction SilentlyContinue
        Get-Content -LiteralPath $Ingress -Raw | Should -Be $before
        $other | Export-McpGatewayTokenFile -GatewayProvider keycloak_m2m -Force -WarningAction SilentlyContinue
        (Get-Content -LiteralPath $Ingress -Raw | ConvertFrom-Json).access_token | Should -Be (ConvertTo-PlainText $other.Token)
    }

    It 'asks for -GatewayProvider when the token''s provider is one the gateway''s scripts do not know' {
        { $Token | Export-McpGatewayTokenFile -Path (Join-Path $TestDrive 'unknown') -ErrorAction Stop } | Should -Throw -ErrorId 'GatewayProviderUnknown,McpRegistryAuth.Commands.ExportMcpGatewayTokenFileCommand'
    }

    It 'writes an egress file named after provider and server, with -Verbose -Debug showing only the fingerprint' {
        $folder = Join-Path $TestDrive 'egress'
        $out = Invoke-ChildPwsh "Import-Module '$ModulePath'; `$t = Get-McpAccessToken -Authority '$($Idp.Issuer)' -ClientId rs256-client -ClientSecret (ConvertTo-SecureString '$IdpClientSecret' -AsPlainText -Force) -Scope read -CaCertPath '$($Idp.CaFile)'; `$t | Export-McpGatewayTokenFile -Kind Egress -GatewayProvider atlassian -ServerName jira -CloudId c1 -Path '$folder' -Verbose -Debug *>&1 | Out-String -Width 200"
        $file = Join-Path $folder 'atlassian-jira-egress.json'
        $json = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
        $json.provider | Should -Be 'atlassian'
        $json.cloud_id | Should -Be 'c1'
        $json.scopes | Should -Be @('read')
        ($out -join "`n") | Should -BeLike "*Wrote '$file' (mode 0600): token $(Get-Fingerprint $json.access_token)*"
        ($out -join "`n") | Should -Not -BeLike "*$($json.access_token)*"
    }
}

Describe 'Get-McpAccessToken -Gateway: POST /api/tokens/generate with the caller''s token' {
    It 'mints a token for the scopes and hours asked, with the IdP token as the caller''s; the refresh token goes to the cache' {
        $out = Invoke-Source $TestDrive "Get-McpAccessToken -Gateway '$($Registry.BaseUrl)' -Token '$CallerToken' -RequestedScopes read -ExpiresInHours 2 -BoundResource server/currenttime -Description ci"
        $out | Should -Match 'Minting at POST http://127\.0\.0\.1:\d+/api/tokens/generate with the caller''s token '
        $out | Should -BeLike "*$(Get-Fingerprint $CallerToken)*"
        $out | Should -Match 'Gateway\s+GatewayMint'
        $out | Should -Not -BeLike "*$CallerToken*"
        ($out -split "--- view ---")[1] -split "`n" | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        $token = Get-McpAccessToken -Gateway $Registry.BaseUrl -Token $CallerToken -RequestedScopes read -ExpiresInHours 2 -BoundResource server/currenttime
        $token.Provider | Should -Be 'Gateway'
        $token.Flow | Should -Be 'GatewayMint'
        $token.ClientId | Should -Be 'user-generated'
        $token.Scopes | Should -Be @('read')
        $token.Audience | Should -Be @('mcp-registry')
        ($token.ExpiresOn - [DateTimeOffset]::UtcNow).TotalMinutes | Should -BeGreaterThan 115
        $payload = (ConvertTo-PlainText $token.Token).Split('.')[1].Replace('-', '+').Replace('_', '/')
        $claims = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload + '=' * ((4 - $payload.Length % 4) % 4))) | ConvertFrom-Json
        $claims.token_kind | Should -Be 'resource'
        $claims.resource_id | Should -Be 'currenttime'
        $cache = Get-Content -LiteralPath (Join-Path $env:XDG_DATA_HOME 'McpRegistryAuth/token-cache.json') -Raw
        $cache | Should -BeLike '*GatewayMint*'
    }

    It 'refuses OAuth-only parameters (ParameterNotUsed); -Resource, the alias of -Audience, points at -BoundResource' {
        $failure = { Get-McpAccessToken -Gateway $Registry.BaseUrl -Token $CallerToken -Resource server/currenttime -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterNotUsed,*'
        $failure.ErrorDetails.RecommendedAction | Should -BeLike '*-BoundResource type/id*'
        $other = { Get-McpAccessToken -Gateway $Registry.BaseUrl -Token $CallerToken -RefreshMarginSec 60 -ErrorAction Stop } | Should -Throw -PassThru
        $other.FullyQualifiedErrorId | Should -BeLike 'ParameterNotUsed,*'
        $other.ErrorDetails.RecommendedAction | Should -Be 'Leave -RefreshMarginSec out.'
    }

    It 'returns the minted token as text only with -AsPlainText' {
        $plain = Get-McpAccessToken -Gateway $Registry.BaseUrl -Token $CallerToken -AsPlainText
        $plain | Should -BeOfType [string]
        $plain.Split('.').Count | Should -Be 3
    }

    It 'takes the caller''s token where the gateway tool finds it when -Token is left out' {
        $out = Invoke-Source $TestDrive "Get-McpAccessToken -Gateway '$($Registry.BaseUrl)' -GatewayTool TypeScriptCli" @{ MCP_GATEWAY_TOKEN = $CallerToken }
        $out | Should -BeLike "*Using the token $(Get-Fingerprint $CallerToken) from MCP_GATEWAY_TOKEN*"
        $out | Should -Match 'Gateway\s+GatewayMint'
    }

    It 'gives the registry''s 403 for scopes the caller lacks' {
        $failure = { Get-McpAccessToken -Gateway $Registry.BaseUrl -Token $CallerToken -RequestedScopes read, registry-admins -ErrorAction Stop } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match ([regex]::Escape("Requested scopes exceed user permissions. Invalid scopes: ['registry-admins']"))
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'gives the registry''s 400 for hours beyond its maximum, and refuses hours outside 1..168 before sending' {
        { Get-McpAccessToken -Gateway $Registry.BaseUrl -Token $CallerToken -ExpiresInHours 48 -ErrorAction Stop } | Should -Throw '*expires_in_hours must be between 1 and 24*'
        { Get-McpAccessToken -Gateway $Registry.BaseUrl -Token $CallerToken -ExpiresInHours 169 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,McpRegistryAuth.Commands.GetMcpAccessTokenCommand'
    }

    It 'never sends the caller''s token over plain http to another host unless -AllowUnencryptedAuthentication' {
        $failure = { Get-McpAccessToken -Gateway 'http://gateway.example.com' -Token $CallerToken -ErrorAction Stop } | Should -Throw -PassThru
        $failure.Exception.Message | Should -BeLike '*Nothing was sent*'
        $failure.Exception.Message | Should -Not -BeLike "*$CallerToken*"
        $failure.ErrorDetails.RecommendedAction | Should -BeLike '*AllowUnencryptedAuthentication*'
    }
}

Describe 'Get-McpAccessToken -KubernetesTokenPath: a projected service-account token' {
    BeforeAll {
        $script:Volume = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'sa-volume')
        # The kubelet's layout: token -> ..data/token; ..data -> a timestamped folder, swapped on rotation.
        function Set-ProjectedToken([string] $Token, [string] $Version) {
            $folder = New-Item -ItemType Directory -Force (Join-Path $Volume $Version)
            [IO.File]::WriteAllText((Join-Path $folder 'token'), $Token)
            $data = Join-Path $Volume '..data'
            if (Test-Path -LiteralPath $data) { [IO.Directory]::Delete($data) }
            $null = [IO.Directory]::CreateSymbolicLink($data, $folder.FullName)
            $link = Join-Path $Volume 'token'
            if (-not (Test-Path -LiteralPath $link)) { $null = [IO.File]::CreateSymbolicLink($link, '..data/token') }
            $link
        }
        $script:Claims = @{ iss = 'https://kubernetes.default.svc.cluster.local'; sub = 'system:serviceaccount:toolhive:registry-client'; aud = @('https://registry.example.com') }
        $script:First = New-TestJwt ($Claims + @{ exp = [DateTimeOffset]::UtcNow.AddMinutes(10).ToUnixTimeSeconds() })
        $script:Second = New-TestJwt ($Claims + @{ exp = [DateTimeOffset]::UtcNow.AddMinutes(70).ToUnixTimeSeconds() })
        $script:Config = Join-Path $TestDrive 'toolhive.yaml'
        Set-Content -LiteralPath $Config -Value @'
auth:
  mode: oauth
  oauth:
    resourceUrl: https://registry.example.com
    providers:
      - name: kubernetes
        issuerUrl: https://kubernetes.default.svc
        audience: https://kubernetes.default.svc
      - name: registry
        issuerUrl: https://kubernetes.default.svc.cluster.local
        audience: https://registry.example.com
'@
    }

    It 'reads the token again after the kubelet rotates it, in the same session, and shows its expiry' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'the kubelet layout uses Unix symbolic links'; return }
        $path = Set-ProjectedToken $First '..2026_12_02_06_00_00.1'
        $rotate = Join-Path $TestDrive 'rotate.ps1'
        # The child rotates the file between its two calls, as the kubelet does while the pod runs.
        Set-Content -LiteralPath $rotate -Value @"
`$folder = New-Item -ItemType Directory -Force '$Volume/..2026_12_02_06_48_00.2'
[IO.File]::WriteAllText((Join-Path `$folder 'token'), '$Second')
[IO.Directory]::Delete('$Volume/..data'); `$null = [IO.Directory]::CreateSymbolicLink('$Volume/..data', `$folder.FullName)
"@
        $out = Invoke-ChildPwsh "Import-Module '$ModulePath'; `$a = Get-McpAccessToken -KubernetesTokenPath '$path'; & '$rotate'; `$b = Get-McpAccessToken -KubernetesTokenPath '$path' -Verbose -Debug *>&1; `$a.Fingerprint; `$b | Out-String -Width 200"
        $text = $out -join "`n"
        $out[0] | Should -Be (Get-Fingerprint $First)
        $text | Should -BeLike "*Kubernetes.Token.Rotation: observed rotated: $(Get-Fingerprint $First) -> $(Get-Fingerprint $Second)*"
        $text | Should -Match 'Kubernetes\.Token\.Expiry: observed exp .* \(expires in (1h 9m|1h 10m)'
        $text | Should -Match 'toolhive:registry-client'
        $text | Should -Not -BeLike "*$Second*"
    }

    It 'checks aud against the ToolHive provider''s audience, exactly' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'the kubelet layout uses Unix symbolic links'; return }
        $path = Set-ProjectedToken $Second '..2026_12_02_07_00_00.3'
        $out = Invoke-Source $TestDrive "Get-McpAccessToken -KubernetesTokenPath '$path' -ConfigPath '$Config'"
        $out | Should -Match "\[FAIL\] Kubernetes\.Token\.Audience: observed aud https://registry\.example\.com; expected 'https://kubernetes\.default\.svc' \(provider 'kubernetes'"
        $out | Should -Match 'Kubernetes\s+ServiceAccountToken'
        ($out -split "--- view ---")[1] -split "`n" | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        Invoke-Source $TestDrive "Get-McpAccessToken -KubernetesTokenPath '$path' -ConfigPath '$Config' -ProviderName registry" | Should -Match '\[PASS\] Kubernetes\.Token\.Audience'
    }
}
