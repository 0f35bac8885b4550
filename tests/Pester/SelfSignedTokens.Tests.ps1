#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Gateway 1.32 self-signed tokens from the command line: New-RegistryApiToken -SelfSigned/-GenerateKey mints
# them, Test-RegistryToken -SigningKeyPath/-InternalJwks judges them with the verifier's messages. Each
# scenario runs in a child pwsh against the built module, with -Verbose -Debug; no stream may carry the
# token, the SECRET_KEY or the private key.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Secret = '0123456789abcdef0123456789abcdef-selfsigned'
    $script:EnvFile = Join-Path $TestDrive '.env'
    Set-Content -LiteralPath $EnvFile -Value "SECRET_KEY=$Secret`nAUTH_PROVIDER=keycloak`nKEYCLOAK_URL=http://127.0.0.1:9`nKEYCLOAK_CLIENT_ID=mcp-gateway-web`nKEYCLOAK_CLIENT_SECRET=x`nINTERNAL_SIGNING_KEY_PATH=/etc/mcp-gateway/signing-key/key.pem"

    # Runs $Body in a child pwsh (Invoke-TaggedChild) with $secret, the SECRET_KEY as a SecureString.
    function Invoke-SelfSignedChild([string] $Body) {
        Invoke-TaggedChild -Body $Body -Prelude "`$secret = ConvertTo-SecureString '$Secret' -AsPlainText -Force"
    }
}

Describe 'New-RegistryApiToken -SelfSigned' {
    It 'writes a P-256 key (0600) and returns an ES256 token under its thumbprint kid, the token only as a SecureString' {
        $run = Invoke-SelfSignedChild @'
$t = New-RegistryApiToken -SelfSigned -GenerateKey -SigningKeyPath ./key.pem -Subject alice -Group ops -Scope registry-read -Verbose -Debug
$result.Type = $t.Token.GetType().FullName
$result.KeyId = $t.KeyId
$result.Algorithm = $t.Algorithm
$result.Mode = (Get-Item ./key.pem).UnixMode
$result.Pem = (Get-Content ./key.pem -Raw)
$result.Plain = [Net.NetworkCredential]::new('', $t.Token).Password
$t
'@
        $run.Result.Type | Should -Be 'System.Security.SecureString'
        $run.Result.Algorithm | Should -Be 'ES256'
        $run.Result.KeyId | Should -Match '^es256-[A-Za-z0-9_-]{43}$'
        $run.Result.Mode | Should -Be '-rw-------'
        $run.Result.Pem | Should -BeLike '-----BEGIN PRIVATE KEY-----*'
        ($run.Lines | Where-Object { $_ -like 'VERBOSE *' }) -join "`n" | Should -BeLike "*Wrote a new P-256 signing key*kid $($run.Result.KeyId)*Minted a self-signed ES256 token for alice*"
        $streams = ($run.Lines | Where-Object { $_ -notlike 'RESULT *' }) -join "`n"
        $streams | Should -Not -BeLike "*$($run.Result.Plain)*"
        $streams | Should -Not -BeLike "*$(($run.Result.Pem -split "`n")[1])*"
        ($run.Lines | Where-Object { $_ -like 'OUTPUT *' } | ForEach-Object { $_ -split "`n" } | Where-Object Length -gt 80) | Should -BeNullOrEmpty
    }

    It 'never replaces a key file without -Force, and -WhatIf writes nothing and returns no token' {
        $run = Invoke-SelfSignedChild @'
$before = Get-Content ./key.pem -Raw
New-RegistryApiToken -SelfSigned -GenerateKey -SigningKeyPath ./key.pem -Verbose -Debug
$result.Unchanged = (Get-Content ./key.pem -Raw) -eq $before
$result.WhatIf = @(New-RegistryApiToken -SelfSigned -GenerateKey -SigningKeyPath ./new-key.pem -WhatIf).Count
$result.NewExists = Test-Path ./new-key.pem
'@
        $run.Text | Should -BeLike '*ERROR SigningKeyExists,McpRegistryAuth.Commands.NewRegistryApiTokenCommand*exists*'
        $run.Result.Unchanged | Should -BeTrue
        $run.Result.WhatIf | Should -Be 0
        $run.Result.NewExists | Should -BeFalse
    }

    It 'mints an HS256 token without kid from -SecretKey and shows neither the token nor the secret' {
        $run = Invoke-SelfSignedChild @'
$t = New-RegistryApiToken -SelfSigned -Algorithm HS256 -SecretKey $secret -Scope registry-read -Debug
$result.KeyId = $t.KeyId
$result.Algorithm = $t.Algorithm
$result.Plain = [Net.NetworkCredential]::new('', $t.Token).Password
'@
        $run.Result.Algorithm | Should -Be 'HS256'
        $run.Result.KeyId | Should -BeNullOrEmpty
        $header = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(($run.Result.Plain -split '\.')[0].PadRight(4 * [Math]::Ceiling(($run.Result.Plain -split '\.')[0].Length / 4), '=')))
        $header | Should -Not -BeLike '*kid*'
        $run.Text.Replace($run.Result.Plain, '') | Should -Not -BeLike "*$Secret*"
        ($run.Lines | Where-Object { $_ -notlike 'RESULT *' }) -join "`n" | Should -Not -BeLike "*$($run.Result.Plain)*"
    }
}

Describe 'Test-RegistryToken on release 1.32 self-signed tokens' {
    BeforeAll {
        # The auth server's signing key for this block (TestDrive files live as long as their Describe).
        $null = Invoke-SelfSignedChild '$null = New-RegistryApiToken -SelfSigned -GenerateKey -SigningKeyPath ./key.pem'
    }

    It 'accepts a minted ES256 token with -SigningKeyPath and explains each check in Verbose' {
        $run = Invoke-SelfSignedChild @'
$t = New-RegistryApiToken -SelfSigned -SigningKeyPath ./key.pem -Subject alice -Scope registry-read
$v = Test-RegistryToken -Token $t.Token -Uri https://gw.example/api/servers -EnvFile ./.env -SigningKeyPath ./key.pem -Verbose -Debug
$result.Status = $v.Status
$result.Identity = $v.Identity
$result.Plain = [Net.NetworkCredential]::new('', $t.Token).Password
$v
'@
        $run.Result.Status | Should -Be 200
        $run.Result.Identity | Should -Be 'alice'
        foreach ($name in 'Size', 'Header', 'IssuerFirst', 'Key', 'Algorithm', 'Signature', 'Expiry', 'Audience', 'TokenUse', 'Verifier') {
            $run.Lines | Where-Object { $_ -like "VERBOSE ``[PASS``] Gateway.Jwt.SelfSigned.$($name):*" } | Should -Not -BeNullOrEmpty -Because "the $name check is explained"
        }
        $run.Text | Should -BeLike '*VERBOSE Gateway release 1.32 (Latest).*'
        ($run.Lines | Where-Object { $_ -notlike 'RESULT *' }) -join "`n" | Should -Not -BeLike "*$($run.Result.Plain)*"
        $run.Text | Should -Not -BeLike "*$Secret*"
        ($run.Lines | Where-Object { $_ -like 'OUTPUT *' } | ForEach-Object { $_ -split "`n" } | Where-Object Length -gt 80) | Should -BeNullOrEmpty
    }

    It 'refuses a token signed by another key with the verifier''s message' {
        $run = Invoke-SelfSignedChild @'
$t = New-RegistryApiToken -SelfSigned -GenerateKey -SigningKeyPath ./other-key.pem -Force
$v = Test-RegistryToken -Token $t.Token -Uri https://gw.example/api/servers -EnvFile ./.env -SigningKeyPath ./key.pem -Debug
$result.Status = $v.Status
$result.Detail = $v.Detail
$result.Verifier = ($v.Checks | Where-Object Name -eq 'Gateway.Jwt.SelfSigned.Verifier').Observed
$result.DecidedBy = $v.DecidedBy
'@
        $run.Result.Status | Should -Be 401
        $run.Result.Detail | Should -Be 'Token validation failed'
        $run.Result.Verifier | Should -Be 'Unknown key id (kid) in token'
        $run.Result.DecidedBy | Should -Be 'Gateway.Jwt.SelfSigned.Key'
        $run.Text | Should -BeLike '*DEBUG *Gateway.Jwt.SelfSigned.Verifier: observed Unknown key id (kid) in token*'
    }

    It 'takes the auth server''s published key set from -InternalJwks, as JSON text or a file' {
        $run = Invoke-SelfSignedChild @'
$t = New-RegistryApiToken -SelfSigned -SigningKeyPath ./key.pem
$kid = $t.KeyId
$pub = [System.Security.Cryptography.ECDsa]::Create()
$pub.ImportFromPem((Get-Content ./key.pem -Raw))
$q = $pub.ExportParameters($false).Q
$b64 = { param($b) [Convert]::ToBase64String($b).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
$jwks = @{ keys = @(@{ kty = 'EC'; crv = 'P-256'; x = (& $b64 $q.X); y = (& $b64 $q.Y); kid = $kid; use = 'sig'; alg = 'ES256' }) } | ConvertTo-Json -Depth 4 -Compress
$result.Status = (Test-RegistryToken -Token $t.Token -Uri https://gw.example/api/servers -EnvFile ./.env -InternalJwks $jwks -Verbose -Debug).Status
Set-Content ./internal-jwks.json $jwks
$result.FromFile = (Test-RegistryToken -Token $t.Token -Uri https://gw.example/api/servers -EnvFile ./.env -InternalJwks ./internal-jwks.json).Status
$result.V130 = (Test-RegistryToken -Token $t.Token -Uri https://gw.example/api/servers -EnvFile ./.env -InternalJwks $jwks -GatewayRelease V130 -WarningAction SilentlyContinue).Status
'@
        $run.Result.Status | Should -Be 200
        $run.Result.FromFile | Should -Be 200
        $run.Result.V130 | Should -Be 401
        $run.Text | Should -BeLike '*VERBOSE Self-signed ES256 keys from -InternalJwks: es256-*'
    }

    It 'refuses an HS256 token under REJECT_HS256_TOKENS=true, and release 1.30 does not' {
        $run = Invoke-SelfSignedChild @'
$t = New-RegistryApiToken -SelfSigned -Algorithm HS256 -SecretKey $secret
$v = Test-RegistryToken -Token $t.Token -Uri https://gw.example/api/servers -EnvFile ./.env -Environment @{ REJECT_HS256_TOKENS = 'True' } -Verbose -Debug
$result.Status = $v.Status
$result.DecidedBy = $v.DecidedBy
$result.V130 = (Test-RegistryToken -Token $t.Token -Uri https://gw.example/api/servers -EnvFile ./.env -Environment @{ REJECT_HS256_TOKENS = 'true' } -GatewayRelease V130).Status
'@
        $run.Result.Status | Should -Be 401
        $run.Result.DecidedBy | Should -Be 'Gateway.Jwt.SelfSigned.LegacyGate'
        $run.Result.V130 | Should -Be 200
        $run.Text | Should -BeLike '*VERBOSE `[FAIL`] Gateway.Jwt.SelfSigned.Verifier: observed HS256 tokens are no longer accepted (REJECT_HS256_TOKENS=true). Generate a new token.*'
    }

    It 'stops with InvalidSigningKey naming the file when the key is not P-256' {
        $run = Invoke-SelfSignedChild @'
Set-Content ./rsa.pem "-----BEGIN PUBLIC KEY-----`nnot a key`n-----END PUBLIC KEY-----"
Test-RegistryToken -Token abc.def.ghi -Uri https://gw.example/api/servers -EnvFile ./.env -SigningKeyPath ./rsa.pem -Debug
'@
        $run.Text | Should -BeLike '*ERROR InvalidSigningKey,McpRegistryAuth.Commands.TestRegistryTokenCommand*rsa.pem*'
    }
}
