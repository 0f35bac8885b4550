# Dot-sourced by the Pester tests that need a real identity provider: starts tests/fixtures/idp/idp.mjs
# (oidc-provider on 127.0.0.1 over HTTPS, and its Cognito-shaped /oauth2/token) with a CA made for the run,
# as tests/McpRegistryAuth.Core.Tests/Idp/IdpServer.cs does for xunit. The client secret of every fixture
# client is $IdpClientSecret.
$script:IdpClientSecret = 'idp-fixture-client-secret-0123456789'

function New-TestCertificateFiles([string] $Directory) {
    $now = [DateTimeOffset]::UtcNow
    $caKey = [System.Security.Cryptography.RSA]::Create(2048)
    $caRequest = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=McpRegistryAuth Pester CA', $caKey, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $caRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
    $caRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new('KeyCertSign, CrlSign', $true))
    $ca = $caRequest.CreateSelfSigned($now.AddMinutes(-5), $now.AddDays(1))

    $serverKey = [System.Security.Cryptography.RSA]::Create(2048)
    $serverRequest = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=127.0.0.1', $serverKey, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
    $san.AddIpAddress([System.Net.IPAddress]::Loopback)
    $serverRequest.CertificateExtensions.Add($san.Build())
    $serverAuth = [System.Security.Cryptography.OidCollection]::new()
    $null = $serverAuth.Add([System.Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1'))
    $serverRequest.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($serverAuth, $false))
    $server = $serverRequest.Create($ca, $now.AddMinutes(-5), $now.AddHours(12), [byte[]](1..12))

    $files = @{ Cert = Join-Path $Directory 'server.crt'; Key = Join-Path $Directory 'server.key'; Ca = Join-Path $Directory 'ca.crt' }
    Set-Content -LiteralPath $files.Cert -Value ($server.ExportCertificatePem() + "`n" + $ca.ExportCertificatePem()) -NoNewline
    Set-Content -LiteralPath $files.Ca -Value $ca.ExportCertificatePem()
    Set-Content -LiteralPath $files.Key -Value $serverKey.ExportPkcs8PrivateKeyPem()
    $files
}

# Starts the IdP; returns @{ Issuer; BaseUrl; CaFile; KeyPath (jwt-client's PEM key); Process }.
function Start-TestIdp([string] $Directory) {
    $null = New-Item -ItemType Directory -Force -Path $Directory
    $files = New-TestCertificateFiles $Directory
    $clientKey = [System.Security.Cryptography.RSA]::Create(2048)
    $keyPath = Join-Path $Directory 'client-key.pem'
    Set-Content -LiteralPath $keyPath -Value $clientKey.ExportPkcs8PrivateKeyPem()
    $config = Join-Path $Directory 'config.json'
    @{
        certFile = $files.Cert; keyFile = $files.Key; issuerSuffix = ''; clientSecret = $script:IdpClientSecret; audience = 'https://registry.test'
        clientJwks = @{ keys = @(Get-PublicJwk $clientKey) }
    } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $config

    $idp = Start-NodeFixture idp idp.mjs $config -Name 'The test IdP' -TimeoutSec 120
    @{ Issuer = $idp.Ready.issuer; BaseUrl = "https://127.0.0.1:$($idp.Ready.port)"; CaFile = $files.Ca; KeyPath = $keyPath; Process = $idp.Process }
}

function Stop-TestIdp($Idp) { Stop-NodeFixture $Idp }

# jwt-client's public key as the IdP registers it; kid is the RFC 7638 thumbprint, as the module sends it.
function Get-PublicJwk([System.Security.Cryptography.RSA] $Key) {
    $p = $Key.ExportParameters($false)
    $b64 = { param($bytes) [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    $n = & $b64 $p.Modulus; $e = & $b64 $p.Exponent
    $canonical = [Text.Encoding]::UTF8.GetBytes("{`"e`":`"$e`",`"kty`":`"RSA`",`"n`":`"$n`"}")
    $kid = & $b64 ([System.Security.Cryptography.SHA256]::HashData($canonical))
    @{ kty = 'RSA'; n = $n; e = $e; kid = $kid; alg = 'RS256'; use = 'sig' }
}

# The request counts per path the IdP has served, as a hashtable.
function Get-TestIdpRequestCount($Idp) {
    $stats = Invoke-RestMethod -Uri "$($Idp.BaseUrl)/test/stats" -SkipCertificateCheck
    $counts = @{}
    foreach ($p in $stats.PSObject.Properties) { $counts[$p.Name] = [int]$p.Value }
    $counts
}

# Environment for a child pwsh whose home, config and data folders are inside $Root (nothing touches the real ones).
function Get-IsolatedHomeEnvironment([string] $Root) {
    $homeDir = Join-Path $Root 'home'
    $null = New-Item -ItemType Directory -Force -Path $homeDir, (Join-Path $Root 'config'), (Join-Path $Root 'data')
    @{ HOME = $homeDir; XDG_CONFIG_HOME = (Join-Path $Root 'config'); XDG_DATA_HOME = (Join-Path $Root 'data') }
}

# Points this process's home, config and data folders into $Root (the profiles and the token cache go
# there); returns what to give Exit-IsolatedHome.
function Enter-IsolatedHome([string] $Root) {
    $isolated = Get-IsolatedHomeEnvironment $Root
    $saved = @{}
    foreach ($name in $isolated.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $isolated[$name])
    }
    $saved
}

function Exit-IsolatedHome([hashtable] $Saved) {
    foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
}

# The docs' examples name real providers; this turns one into a call to the provider-shaped fixture:
# each provider's URL becomes the fixture's (with -Provider where the URL no longer shows it), each
# client id a fixture client, and every token command trusts the fixture's CA.
function ConvertTo-FixtureExample([string] $Code, $Idp) {
    $map = [ordered]@{
        '-Authority https://keycloak.example.com/realms/mcp-gateway'    = "-Authority '$($Idp.Issuer)' -Provider Keycloak"
        '-Authority https://dev-4821.okta.com/oauth2/default'           = "-Authority '$($Idp.Issuer)' -Provider Okta"
        '-Authority https://mcp-gateway.auth.us-east-1.amazoncognito.com' = "-Authority '$($Idp.BaseUrl)' -Provider Cognito"
        '-TokenEndpoint https://auth.example.com/oauth/token'           = "-TokenEndpoint '$($Idp.BaseUrl)/token'"
        'mcp-gateway-m2m'                                               = 'rs256-client'
        'registry-ci'                                                   = 'post-client'
        '3n4b5urk1ft4fl3mg5e62d9ado'                                    = 'cognito-client'
        'mcp-gateway-signed'                                            = 'jwt-client'
        'mcp-cli'                                                       = 'cli-public'
        '-Authority https://idp.example.com'                            = "-Authority '$($Idp.Issuer)'"
        'mcp-servers-unrestricted/read'                                 = 'read'
        'mcp-gateway/registry.read'                                     = 'registry/read'
        'registry.read'                                                 = 'read'
    }
    foreach ($key in $map.Keys) { $Code = $Code.Replace($key, $map[$key]) }
    $Code -replace '(Get-McpAccessToken|Set-McpProfile)(?= -)', "`$1 -CaCertPath '$($Idp.CaFile)'"
}

# What a test file of the token cmdlets sets up first: home, config and data folders under $Root and
# the IdP started. Returns the IdP, with Secret (the clients' secret as a SecureString) and what
# Stop-TokenTestBed needs to put the folders back.
function Start-TokenTestBed([string] $Root) {
    $saved = Enter-IsolatedHome (Join-Path $Root 'user')
    $idp = Start-TestIdp (Join-Path $Root 'idp')
    $idp.SavedHome = $saved
    $idp.Secret = ConvertTo-SecureString $script:IdpClientSecret -AsPlainText -Force
    $idp
}

function Stop-TokenTestBed($Idp) {
    if (-not $Idp) { return }
    Stop-TestIdp $Idp
    Exit-IsolatedHome $Idp.SavedHome
}

# Signs the fixture's user in with a Get-McpAccessToken command line (-Flow DeviceCode, or
# AuthorizationCode with -NoBrowser) run in a background job on the built module, acting as the user
# with tests/fixtures/idp/act-as-user.mjs once the job has written the URL; returns the job's output.
function Invoke-TestUserSignIn([string] $Command, $Idp) {
    $job = Start-Job -ArgumentList (Get-BuiltModulePath), $Command, (Get-Location).Path -ScriptBlock {
        param($modulePath, $command, $here)
        Set-Location $here
        Import-Module $modulePath
        & ([scriptblock]::Create($command))
    }
    try {
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        $url = $null
        while (-not $url -and [DateTime]::UtcNow -lt $deadline -and $job.State -eq 'Running') {
            $text = @($job.ChildJobs[0].Warning) -join "`n"
            $match = [regex]::Match($text, '\(or open (https://\S+)\)|(https://\S+/auth\?\S+)')
            if ($match.Success) { $url = $match.Groups[1].Value + $match.Groups[2].Value } else { Start-Sleep -Milliseconds 200 }
        }
        if (-not $url) { throw "No sign-in URL from '$Command': $(@($job.ChildJobs[0].Error) -join '; ')" }
        $saved = $env:NODE_EXTRA_CA_CERTS
        $env:NODE_EXTRA_CA_CERTS = $Idp.CaFile
        try { $null = node (Join-Path $PSScriptRoot '../fixtures/idp/act-as-user.mjs') $url } finally { $env:NODE_EXTRA_CA_CERTS = $saved }
        $job | Wait-Job -Timeout 60 | Receive-Job 3>$null 4>$null 5>$null
    }
    finally {
        $job | Remove-Job -Force
    }
}
