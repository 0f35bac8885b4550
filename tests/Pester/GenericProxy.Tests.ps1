#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The gateway's generic proxy (release 1.32) from the command line: Get-ScopeAccessMatrix rows for proxied
# entities and Test-RegistryToken on a proxied entity's route. Each scenario runs in a child pwsh against the
# built module with -Verbose -Debug (never a prompt); no stream may carry the token or the SECRET_KEY.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Secret = '0123456789abcdef0123456789abcdef-genericproxy'
    Set-Content -LiteralPath (Join-Path $TestDrive '.env') -Value "SECRET_KEY=$Secret`nAUTH_PROVIDER=keycloak`nKEYCLOAK_URL=http://127.0.0.1:9`nKEYCLOAK_CLIENT_ID=mcp-gateway-web`nKEYCLOAK_CLIENT_SECRET=x"
    Set-Content -LiteralPath (Join-Path $TestDrive 'scopes.json') -Value @'
[
  {"_id": "mcp-admins", "group_mappings": ["admins"], "server_access": [{"server": "*", "methods": ["all"], "tools": ["*"]}]},
  {"_id": "pdf-readers", "group_mappings": ["readers"], "server_access": [{"server": "skill/skills/pdf", "methods": ["get", "HEAD"]}]},
  {"_id": "proxy-writers", "group_mappings": ["writers"], "server_access": [{"server": "*", "methods": ["http:*"]}]}
]
'@
    # The body of GET /api/iam/proxied-entities as the registry answers it.
    Set-Content -LiteralPath (Join-Path $TestDrive 'proxied.json') -Value @'
{"proxied_entities": [
  {"entity_type": "skill", "path": "/skills/pdf", "authz_key": "skill/skills/pdf", "name": "PDF"},
  {"entity_type": "a2a_agent", "path": "/agents/travel-assistant", "authz_key": "a2a_agent/agents/travel-assistant", "name": "Travel"}
], "count": 2}
'@

    # Runs $Body in a child pwsh (Invoke-TaggedChild); $token mints an HS256 self-signed token (the claims
    # /validate reads) signed with the SECRET_KEY.
    function Invoke-GenericChild([string] $Body) {
        Invoke-TaggedChild -Body $Body -Prelude @"
function token([hashtable] `$claims) {
    `$now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    `$payload = @{ iss = 'mcp-auth-server'; aud = 'mcp-registry'; sub = 'alice'; iat = `$now - 5; exp = `$now + 600; token_use = 'access'; token_kind = 'user' }
    foreach (`$name in `$claims.Keys) { `$payload[`$name] = `$claims[`$name] }
    `$b64 = { param(`$bytes) [Convert]::ToBase64String(`$bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    `$text = (& `$b64 ([Text.Encoding]::UTF8.GetBytes('{"alg":"HS256","typ":"JWT"}'))) + '.' + (& `$b64 ([Text.Encoding]::UTF8.GetBytes((`$payload | ConvertTo-Json -Compress))))
    `$hmac = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes('$Secret'))
    `$text + '.' + (& `$b64 (`$hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes(`$text))))
}
"@
    }

    function Get-WideLines($run) { $run.Lines | Where-Object { $_ -like 'OUTPUT *' } | ForEach-Object { $_.Substring(7) -split "`r?`n" } | Where-Object { $_.TrimEnd().Length -gt 80 } }
}

Describe 'Get-ScopeAccessMatrix -ProxiedEntity' {
    It 'gives one row per group, scope, entity and verb by the 1.32 rules, explains the verbs in Verbose and fits 80 columns' {
        $run = Invoke-GenericChild @'
$rows = @(Get-ScopeAccessMatrix ./scopes.json -ProxiedEntity skill/skills/pdf, /a2a_agent/agents/travel-assistant/ -Verbose -Debug)
$result.Count = $rows.Count
$result.Granted = @($rows | Where-Object Granted | ForEach-Object { "$($_.Group) $($_.Entity) $($_.Verb) $($_.By)" })
$result.AdminReason = ($rows | Where-Object { $_.Group -eq 'admins' -and $_.Verb -eq 'DELETE' -and $_.Entity -eq 'skill/skills/pdf' }).Reason
$result.Type = $rows[0].PSObject.TypeNames[0]
$rows
'@
        $run.Result.Count | Should -Be (3 * 2 * 5)
        $run.Result.Type | Should -Be 'McpRegistryAuth.Core.Gateway.Scopes.ProxiedEntityAccessRow'
        $run.Result.Granted | Should -Be @(
            'readers skill/skills/pdf GET GET',
            'writers skill/skills/pdf GET http:*', 'writers skill/skills/pdf POST http:*', 'writers skill/skills/pdf PUT http:*', 'writers skill/skills/pdf PATCH http:*', 'writers skill/skills/pdf DELETE http:*',
            'writers a2a_agent/agents/travel-assistant GET http:*', 'writers a2a_agent/agents/travel-assistant POST http:*', 'writers a2a_agent/agents/travel-assistant PUT http:*',
            'writers a2a_agent/agents/travel-assistant PATCH http:*', 'writers a2a_agent/agents/travel-assistant DELETE http:*')
        $run.Result.AdminReason | Should -BeLike "*HTTP verb DELETE is not in methods ``['all'``] ('``*' and 'all' grant MCP methods only, never an HTTP verb)*"
        $run.Text | Should -BeLike "*VERBOSE Proxied entities (release 1.32): skill/skills/pdf, a2a_agent/agents/travel-assistant; HTTP verbs GET, POST, PUT, PATCH, DELETE.*"
        $run.Text | Should -BeLike '*Group: readers -> scope pdf-readers -> skill/skills/pdf*'
        $run.Lines | Where-Object { $_ -like 'ERROR *' } | Should -BeNullOrEmpty
        Get-WideLines $run | Should -BeNullOrEmpty
    }

    It 'reads the entities from a saved GET /api/iam/proxied-entities with the verbs asked' {
        $run = Invoke-GenericChild @'
$rows = @(Get-ScopeAccessMatrix ./scopes.json -Group readers -ProxiedEntitiesPath ./proxied.json -HttpMethod GET, HEAD -Debug)
$result.Cells = @($rows | ForEach-Object { "$($_.Entity) $($_.Verb) $($_.Granted)" })
'@
        $run.Result.Cells | Should -Be @('skill/skills/pdf GET True', 'skill/skills/pdf HEAD True', 'a2a_agent/agents/travel-assistant GET False', 'a2a_agent/agents/travel-assistant HEAD False')
        $run.Text | Should -BeLike '*DEBUG `[verbose`] Proxied entities (release 1.32)*'
    }

    It 'refuses a release without the generic proxy, and a name that is not a scope key, with stable ErrorIds' {
        $run = Invoke-GenericChild @'
Get-ScopeAccessMatrix ./scopes.json -ProxiedEntity skill/skills/pdf -GatewayRelease V130
Get-ScopeAccessMatrix ./scopes.json -ProxiedEntity skill
'@
        $run.Text | Should -BeLike '*ERROR GenericProxyNotInRelease,McpRegistryAuth.Commands.GetScopeAccessMatrixCommand Release 1.30 has no generic proxy: proxied entities and their HTTP-verb rules are new in release 1.32.*'
        $run.Text | Should -BeLike "*ERROR InvalidProxiedEntity,McpRegistryAuth.Commands.GetScopeAccessMatrixCommand -ProxiedEntity: Proxied entity 'skill' is not '{entity_type}/{registered_path}'*"
        $run.Lines | Where-Object { $_ -like 'OUTPUT *' } | Should -BeNullOrEmpty
    }
}

Describe 'Test-RegistryToken on a proxied entity''s route' {
    It 'judges the HTTP verb by the generic proxy''s rules and lists each check in Verbose' {
        $run = Invoke-GenericChild @'
$t = token @{ scope = 'pdf-readers' }
$get = Test-RegistryToken -Token $t -Uri https://gw.example/skill/skills/pdf/tools -HttpMethod GET -GenericProxyKind skill -EntityPath /skills/pdf -EnvFile ./.env -ScopesPath ./scopes.json -Verbose -Debug
$post = Test-RegistryToken -Token $t -Uri https://gw.example/skill/skills/pdf/tools -HttpMethod POST -GenericProxyKind skill -EntityPath skills/pdf -EnvFile ./.env -ScopesPath ./scopes.json
$result.Get = $get.Status
$result.Post = $post.Status
$result.PostDetail = $post.Detail
$result.PostClient = $post.ClientStatus
$result.Plain = $t
$get; $post
'@
        $run.Result.Get | Should -Be 200
        $run.Result.Post | Should -Be 403
        $run.Result.PostDetail | Should -Be 'Access denied to skill/skills/pdf.POST'
        $run.Result.PostClient | Should -Be 403
        $run.Text | Should -BeLike '*VERBOSE `[PASS`] Gateway.Fgac.GenericProxy: observed X-Generic-Proxy-Kind skill: key skill/skills/pdf, HTTP verb GET*'
        $run.Text | Should -BeLike '*VERBOSE `[PASS`] Gateway.Fgac.GenericProxy.ResourceBound: observed not a resource-bound token*'
        $run.Text | Should -BeLike '*VERBOSE `[PASS`] Gateway.Fgac.GenericProxy.CookieWrite: observed bearer token*'
        $run.Text | Should -BeLike "*VERBOSE ``[PASS``] Gateway.Fgac.Rule: observed scope 'pdf-readers' rule 0 (line 3) server 'skill/skills/pdf': HTTP verb GET is in methods*"
        ($run.Lines | Where-Object { $_ -notlike 'RESULT *' }) -join "`n" | Should -Not -BeLike "*$($run.Result.Plain)*"
        $run.Text | Should -Not -BeLike "*$Secret*"
        Get-WideLines $run | Should -BeNullOrEmpty
    }

    It 'refuses a cookie-authenticated write with the gateway''s text, and a resource-bound token' {
        $run = Invoke-GenericChild @'
$cookie = Test-RegistryToken -Uri https://gw.example/skill/skills/pdf/tools -Header @{ Cookie = 'mcp_gateway_session=abc' } -HttpMethod DELETE -GenericProxyKind skill -EntityPath skills/pdf -EnvFile ./.env -ScopesPath ./scopes.json -RegistryType Gateway -Debug
$bound = Test-RegistryToken -Token (token @{ scope = 'proxy-writers'; token_kind = 'resource'; resource_type = 'skill'; resource_id = '/skills/pdf' }) -Uri https://gw.example/skill/skills/pdf/tools -HttpMethod GET -GenericProxyKind skill -EntityPath skills/pdf -EnvFile ./.env -ScopesPath ./scopes.json -Debug
$result.CookieWarnings = $cookie.Warnings; $result.Cookie = $cookie.Status; $result.CookieBody = $cookie.Body; $result.CookieProvisional = $cookie.IsProvisional
$result.Bound = $bound.Status; $result.BoundBy = $bound.DecidedBy; $result.BoundDetail = $bound.Detail
'@
        $run.Result.Cookie | Should -Be 403
        $run.Result.CookieBody | Should -Be '{"detail":"State-changing requests to proxied resources require a Bearer token (cookie auth refused as a CSRF defense)"}'
        $run.Result.CookieProvisional | Should -BeTrue
        $run.Result.Bound | Should -Be 403
        $run.Result.BoundBy | Should -Be 'Gateway.Fgac.GenericProxy.ResourceBound'
        $run.Result.BoundDetail | Should -Be 'Resource-bound tokens cannot access this endpoint'
        $run.Text | Should -BeLike '*DEBUG `[verbose`] `[FAIL`] Gateway.Fgac.GenericProxy.CookieWrite: observed session cookie, DELETE*'
        $run.Result.CookieWarnings | Should -Contain "The mcp_gateway_session cookie is not evaluated: this 403 is the answer for a valid session; an invalid one gets 401 'Missing or invalid Authorization header. Expected: Bearer <token> or valid session cookie'."
    }

    It 'says release 1.30 has no generic proxy, and asks for the registered path with the kind' {
        $run = Invoke-GenericChild @'
$old = Test-RegistryToken -Token (token @{ scope = 'mcp-admins' }) -Uri https://gw.example/skill/skills/pdf/tools -HttpMethod DELETE -GenericProxyKind skill -EntityPath skills/pdf -EnvFile ./.env -ScopesPath ./scopes.json -GatewayRelease V130
$result.Old = $old.Status
$result.OldWarnings = $old.Warnings
Test-RegistryToken -Token (token @{ scope = 'mcp-admins' }) -Uri https://gw.example/skill/skills/pdf -GenericProxyKind skill -EnvFile ./.env
'@
        $run.Result.Old | Should -Be 200
        $run.Result.OldWarnings | Should -Contain "Release 1.30 has no generic proxy: 'skill/skills/pdf' was not judged by the 1.32 HTTP-verb rules; the request was evaluated as on any other path of that release."
        $run.Text | Should -BeLike '*ERROR GenericProxyTargetIncomplete,McpRegistryAuth.Commands.TestRegistryTokenCommand -GenericProxyKind needs -EntityPath*'
    }
}
