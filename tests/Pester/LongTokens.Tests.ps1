#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 13 item 8: a token longer than a SecureString can hold (65,536 characters) works through every
# token input path of every cmdlet that takes one, and no stream, error record (TargetObject,
# CategoryInfo, message), Format-List or JSON form of an error carries the raw token.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-BuiltModulePath) -Force
    $script:TestId = 'McpRegistryAuth.Commands.TestRegistryTokenCommand'

    function New-RandomText([int] $Length) {
        $bytes = [byte[]]::new([int][math]::Ceiling($Length * 3 / 4) + 3)
        [Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
        ([Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')).Substring(0, $Length)
    }

    function ConvertTo-Base64Url([string] $Text) {
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Text)).TrimEnd('=').Replace('+', '-').Replace('/', '_')
    }

    # A 100 KB opaque token and an 80 KB JWT (an IdP token with a groups claim and a large padding claim).
    $script:Opaque = New-RandomText 100000
    $exp = [DateTimeOffset]::UtcNow.AddHours(1).ToUnixTimeSeconds()
    $payload = ConvertTo-Base64Url "{`"iss`":`"https://kc.example.com/realms/mcp`",`"sub`":`"long-user`",`"groups`":[`"mcp-registry-admin`"],`"exp`":$exp,`"pad`":`"$(New-RandomText 60000)`"}"
    $script:Jwt = "$(ConvertTo-Base64Url '{"alg":"RS256","typ":"JWT","kid":"k1"}').$payload.$(New-RandomText 342)"
    $script:Jwt.Length | Should -BeGreaterThan 80000

    # Pieces of each token from its start, middle and end: none may appear anywhere in the output.
    function Get-TokenPieces([string] $Token) {
        $Token.Substring(0, 24), $Token.Substring([int]($Token.Length / 2), 24), $Token.Substring($Token.Length - 24)
    }

    function Assert-NoTokenIn([object[]] $Records, [string] $Token) {
        $errors = @($Records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $text = ($Records | Out-String -Width 500) +
            ($errors | Format-List * -Force | Out-String -Width 500) +
            ($errors | ForEach-Object { $_.CategoryInfo | Format-List * -Force | Out-String -Width 500 }) +
            ($errors | ForEach-Object { "$($_.TargetObject)"; $_.Exception.ToString(); ConvertTo-Json -InputObject $_ -Depth 3 -WarningAction SilentlyContinue }) -join "`n"
        foreach ($piece in Get-TokenPieces $Token) {
            $text.Contains($piece) | Should -BeFalse -Because "no stream or error form may carry the raw token (found '$piece')"
        }
    }

    $script:Settings = @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_TOKEN = $script:Opaque }
    $script:Scopes = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).yml"
    Set-Content -LiteralPath $script:Scopes -Value @(
        'group_mappings:', '  mcp-registry-admin: [mcp-servers-unrestricted/read]',
        'mcp-servers-unrestricted/read:', '  - server: "*"', '    methods: [initialize, tools/list]', '    tools: "*"')
}

AfterAll {
    Remove-Item -LiteralPath $script:Scopes -ErrorAction SilentlyContinue
    Remove-Module McpRegistryAuth -Force -ErrorAction SilentlyContinue
}

Describe 'Test-RegistryToken takes a token longer than a SecureString can hold' {
    It 'through <Path>' -ForEach @(
        @{ Path = '-Token (text)'; Call = { param($t) Test-RegistryToken -Token $t -Uri 'https://gw.example/api/servers' -Environment $Settings } }
        @{ Path = 'a piped string'; Call = { param($t) $t | Test-RegistryToken -Uri 'https://gw.example/api/servers' -Environment $Settings } }
        @{ Path = 'a piped object with Token'; Call = { param($t) [pscustomobject]@{ Token = $t } | Test-RegistryToken -Uri 'https://gw.example/api/servers' -Environment $Settings } }
        @{ Path = 'a piped object with AccessToken'; Call = { param($t) [pscustomobject]@{ AccessToken = $t } | Test-RegistryToken -Uri 'https://gw.example/api/servers' -Environment $Settings } }
        @{ Path = '-Token (an object with Token)'; Call = { param($t) Test-RegistryToken -Token ([pscustomobject]@{ Token = $t }) -Uri 'https://gw.example/api/servers' -Environment $Settings } }
        @{ Path = '-Header'; Call = { param($t) Test-RegistryToken -Header @{ Authorization = "Bearer $t" } -Uri 'https://gw.example/api/servers' -Environment $Settings } }
        @{ Path = '-TokenFile'; Call = {
                param($t)
                $file = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).tok"
                try { [IO.File]::WriteAllText($file, $t); Test-RegistryToken -TokenFile $file -Uri 'https://gw.example/api/servers' -Environment $Settings }
                finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
            } }
    ) {
        $records = & $Call $Opaque -Verbose -Debug -WarningAction Continue *>&1
        Assert-NoTokenIn $records $Opaque
        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | Should -BeNullOrEmpty -Because ($errors | Out-String -Width 200)
        $verdict = $records | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.InformationalRecord] }
        $verdict.Accepted | Should -BeTrue
        $verdict.AcceptedBy | Should -Be 'StaticToken:legacy'

        # The same path with a NUL inside the token: an error record for it, and the token is nowhere in it.
        $records = & $Call "$Opaque`0tail" -Verbose -Debug -WarningAction Continue *>&1
        Assert-NoTokenIn $records $Opaque
        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidToken,$TestId"
    }

    It 'inspects an 80 KB JWT given as -Token, piped, or read from -TokenFile' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).tok"
        try {
            [IO.File]::WriteAllText($file, $Jwt)
            foreach ($records in @(
                    (Test-RegistryToken -Token $Jwt -Verbose -Debug *>&1),
                    ([pscustomobject]@{ AccessToken = $Jwt } | Test-RegistryToken -Verbose -Debug *>&1),
                    (Test-RegistryToken -TokenFile $file -Verbose -Debug *>&1))) {
                Assert-NoTokenIn $records $Jwt
                $inspection = $records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] }
                $inspection | Should -Not -BeNullOrEmpty
                $inspection.Kind | Should -Be 'Jwt'
                $inspection.Subject | Should -Be 'long-user'
            }
        }
        finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
    }

    It 'a SecureString still binds to -Token and a short text token still works' {
        $short = New-RegistryApiToken
        $settings = @{ REGISTRY_STATIC_TOKEN_AUTH_ENABLED = 'true'; REGISTRY_API_TOKEN = (ConvertTo-PlainText $short.Token) }
        (Test-RegistryToken -Token $short.Token -Uri 'https://gw.example/api/servers' -Environment $settings).Accepted | Should -BeTrue
        ($short | Test-RegistryToken -Uri 'https://gw.example/api/servers' -Environment $settings).Accepted | Should -BeTrue
        (Test-RegistryToken -Token (ConvertTo-PlainText $short.Token) -Uri 'https://gw.example/api/servers' -Environment $settings).Accepted | Should -BeTrue
    }
}

Describe 'Test-ScopeAccess takes a token longer than a SecureString can hold' {
    It 'through <Path>' -ForEach @(
        @{ Path = '-Token (text)'; Call = { param($t) Test-ScopeAccess -ScopesPath $Scopes -Token $t -Server fininfo -Method tools/list } }
        @{ Path = 'a piped object with Token'; Call = { param($t) [pscustomobject]@{ Token = $t; Server = 'fininfo'; Method = 'tools/list' } | Test-ScopeAccess -ScopesPath $Scopes } }
        @{ Path = 'a piped object with AccessToken'; Call = { param($t) [pscustomobject]@{ AccessToken = $t; Server = 'fininfo'; Method = 'tools/list' } | Test-ScopeAccess -ScopesPath $Scopes } }
    ) {
        $records = & $Call $Jwt -Verbose -Debug -WarningAction Continue *>&1
        Assert-NoTokenIn $records $Jwt
        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | Should -BeNullOrEmpty -Because ($errors | Out-String -Width 200)
        $result = $records | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] }
        $result.Allowed | Should -BeTrue
    }

    It 'a piped object whose long token cannot be used gives an error that does not carry it' {
        # A missing scopes file piped by name: the error names the file, the piped object's token is nowhere.
        $missing = Join-Path ([IO.Path]::GetTempPath()) "$([guid]::NewGuid()).yml"
        $records = [pscustomobject]@{ Token = $Jwt; ScopesPath = $missing; Server = 'fininfo'; Method = 'tools/list' } |
            Test-ScopeAccess -Verbose -Debug -WarningAction Continue *>&1
        Assert-NoTokenIn $records $Jwt
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
    }
}

Describe 'TokenInput, the token parameters'' type' {
    It 'binds a hashtable with a Token key, shows only the fingerprint, and zeroes a long token when disposed' {
        $records = @{ Token = $Opaque } | Test-RegistryToken -Uri 'https://gw.example/api/servers' -Environment $Settings *>&1
        Assert-NoTokenIn $records $Opaque
        $records.Accepted | Should -BeTrue

        $long = [McpRegistryAuth.Internal.TokenInput]::FromText($Opaque)
        $long.IsLong | Should -BeTrue
        $long.Length | Should -Be 100000
        "$long" | Should -Match '^<token [0-9a-f]{8}>$'
        ($long | Format-List * | Out-String) + ($long | ConvertTo-Json) | Should -Not -BeLike "*$($Opaque.Substring(0, 24))*"
        $held = $long.GetType().GetField('text', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($long)
        [string]::new($held) | Should -BeExactly $Opaque
        $long.Dispose()
        [string]::new($held).Trim([char]0) | Should -BeExactly '' -Because 'disposing zeroes the pinned copy'
        [McpRegistryAuth.Internal.TokenInput]::FromText('short').IsLong | Should -BeFalse
    }
}
