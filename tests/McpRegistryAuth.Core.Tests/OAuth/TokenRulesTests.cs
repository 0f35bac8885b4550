using System.Security.Cryptography;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.Gateway.Scopes;
using McpRegistryAuth.Core.Tests.Tokens;
using McpRegistryAuth.Core.Tokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace McpRegistryAuth.Core.Tests.OAuth;

/// <summary>The rules around a token request that need no IdP: provider inference, the header rule, settings and profiles, the cache file's content, the client assertion.</summary>
public sealed class TokenRulesTests
{
    [Theory]
    [InlineData("https://kc.example.com/realms/mcp", OAuthProvider.Keycloak)]
    [InlineData("https://dev-123.okta.com/oauth2/default", OAuthProvider.Okta)]
    [InlineData("https://tenant.eu.auth0.com/", OAuthProvider.Auth0)]
    [InlineData("https://login.microsoftonline.com/tid/v2.0", OAuthProvider.Entra)]
    [InlineData("https://pool.auth.eu-west-1.amazoncognito.com", OAuthProvider.Cognito)]
    [InlineData("https://idp.example.com", OAuthProvider.Oidc)]
    public void Provider_IsInferredFromTheUrl(string url, OAuthProvider expected) => Assert.Equal(expected, ProviderRules.Infer(new Uri(url)));

    [Theory]
    [InlineData(RegistryType.Gateway, "https://gw.example/api/servers", "Authorization")]
    [InlineData(RegistryType.Gateway, "https://gw.example/v0.1/servers", "Authorization")]
    [InlineData(RegistryType.Gateway, "https://gw.example/agent/travel/planner", "X-Authorization")]
    [InlineData(RegistryType.Gateway, "https://gw.example/currenttime/mcp", "X-Authorization")]
    [InlineData(RegistryType.ToolHive, "https://thv.example/registry/default/v0.1/servers", "Authorization")]
    [InlineData(RegistryType.ToolRegistry, "https://trs.example/tools", "Authorization")]
    public void HeaderRule_NamesTheHeaderEachServerReads(RegistryType type, string url, string header) =>
        Assert.Equal(header, TokenHeaderRule.HeaderFor(type, new Uri(url)));

    [Fact]
    public void HeaderRule_HonoursTheGatewaysRootPath()
    {
        Assert.Equal("Authorization", TokenHeaderRule.HeaderFor(RegistryType.Gateway, new Uri("https://gw.example/registry/api/servers"), "/registry"));
        Assert.Equal("X-Authorization", TokenHeaderRule.HeaderFor(RegistryType.Gateway, new Uri("https://gw.example/api/servers"), "/registry"));
    }

    [Fact]
    public void HeaderJson_IsOneObjectOfNameToBearerValue() =>
        Assert.Equal("{\"X-Authorization\":\"Bearer abc\"}", TokenHeaderRule.HeaderJson("X-Authorization", new Secret("abc")));

    [Fact]
    public void Builder_ExplicitValuesWinOverTheProfile_AndTheSecretComesFromTheNamedVariable()
    {
        var variable = "MRA_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-the-variable");
        try
        {
            var profile = new McpProfile { Name = "ci", Authority = "https://kc.example.com/realms/mcp", ClientId = "bot", Scopes = ["a"], ClientSecretVariable = variable, Audience = "https://aud" };
            var (request, header) = TokenRequestBuilder.Build(new TokenParameters { Scopes = ["b"], NoCache = true }, profile, p => p);
            Assert.Equal(OAuthProvider.Keycloak, request.Provider);
            Assert.Equal("bot", request.ClientId);
            Assert.Equal(["b"], request.Scopes);
            Assert.Equal("https://aud", request.Audience);
            Assert.Equal("from-the-variable", request.ClientSecret!.Reveal());
            Assert.Equal(ClientAuthentication.ClientSecretBasic, request.Authentication);
            Assert.Null(request.CachePath);
            Assert.Equal("Authorization", header);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Builder_ReadsTheFirstLineOfASecretFile_AndAuth0DefaultsToPost()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("secret.txt", "s3cret-value\n");
        var (request, _) = TokenRequestBuilder.Build(new TokenParameters { Authority = "https://t.eu.auth0.com/", ClientId = "m2m", ClientSecretFile = file, Scopes = ["x"] }, null, p => p);
        Assert.Equal("s3cret-value", request.ClientSecret!.Reveal());
        Assert.Equal(ClientAuthentication.ClientSecretPost, request.Authentication);
    }

    [Fact]
    public void Builder_UnsetVariableIsExplainedByName()
    {
        var profile = new McpProfile { Name = "ci", Authority = "https://idp.example.com", ClientId = "bot", ClientSecretVariable = "MRA_SURELY_UNSET_VARIABLE" };
        var failure = Assert.Throws<CommandFailureException>(() => TokenRequestBuilder.Build(new TokenParameters(), profile, p => p));
        Assert.Equal("ClientSecretVariableEmpty", failure.ErrorId);
        Assert.Contains("MRA_SURELY_UNSET_VARIABLE", failure.Message);
    }

    [Fact]
    public void Builder_HeaderStyleAndRegistryPickTheHeader()
    {
        var given = new TokenParameters { Authority = "https://idp.example.com", ClientId = "bot", RegistryType = "Gateway", RegistryUri = "https://gw.example/agent/a/b" };
        Assert.Equal("X-Authorization", TokenRequestBuilder.Build(given, null, p => p).HeaderName);
        Assert.Equal("Authorization", TokenRequestBuilder.Build(given with { HeaderStyle = "Authorization" }, null, p => p).HeaderName);
    }

    [Fact]
    public void ProfileStore_SavesReplacesAndRemovesWithoutSecrets()
    {
        using var folder = new TempDirectory();
        var store = new McpProfileStore(Path.Combine(folder.Path, "cfg", McpProfileStore.FileName));
        store.Save(new McpProfile { Name = "ci-bot", ClientId = "one", Provider = OAuthProvider.Cognito, ClientSecretVariable = "CI_SECRET" });
        store.Save(new McpProfile { Name = "other", ClientId = "two" });
        store.Save(new McpProfile { Name = "CI-BOT", ClientId = "three" });
        Assert.Equal(["three", "two"], store.ReadAll().Select(p => p.ClientId));
        Assert.Equal("three", store.Get("ci-bot").ClientId);
        Assert.Equal("three", store.Remove("ci-bot")?.ClientId);
        Assert.Null(store.Remove("ci-bot"));
        Assert.Equal("ProfileNotFound", Assert.Throws<CommandFailureException>(() => store.Get("ci-bot")).ErrorId);
    }

    [Fact]
    public void ProfileStore_WritesEnumsByName()
    {
        using var folder = new TempDirectory();
        var store = new McpProfileStore(folder.File(McpProfileStore.FileName));
        store.Save(new McpProfile { Name = "p", Provider = OAuthProvider.Keycloak, HeaderStyle = HeaderStyle.XAuthorization });
        var text = File.ReadAllText(store.Path);
        Assert.Contains("\"Keycloak\"", text);
        Assert.Contains("\"XAuthorization\"", text);
        Assert.Equal(OAuthProvider.Keycloak, store.Get("p").Provider);
    }

    [Fact]
    public void CacheDocument_UnreadableContentStartsEmpty_AndRemoveMatchesByClient()
    {
        Assert.True(TokenCacheDocument.Parse("not json"u8.ToArray()).WasUnreadable);
        var document = TokenCacheDocument.Parse(null);
        foreach (var client in new[] { "a", "b" })
        {
            var entry = new TokenCacheEntry { Key = "k-" + client, Provider = "Cognito", ClientId = client, Authority = "https://x/oauth2/token" };
            document.SetToken(entry, new CachedToken(new Secret("t-" + client), "Bearer", DateTimeOffset.UtcNow.AddHours(1), "s"));
        }

        var again = TokenCacheDocument.Parse(document.ToBytes());
        Assert.Equal("t-b", again.GetToken("k-b")!.AccessToken.Reveal());
        Assert.Single(again.Remove(e => e.ClientId == "a"));
        Assert.Equal(["b"], again.Entries.Select(e => e.ClientId));
    }

    [Fact]
    public void CacheFile_ReadWithoutLock_GivesOnlyAWholeDocumentInThisFormat()
    {
        if (TokenCacheStore.IsProtectedByPlatform) return;
        using var folder = new TempDirectory();
        var cache = new TokenCacheFile(folder.File(TokenCacheFile.FileName));
        Assert.Null(cache.ReadWithoutLock());
        File.WriteAllText(cache.Path, "{\"version\":1,\"partitions\":{");
        Assert.Null(cache.ReadWithoutLock());
        var document = TokenCacheDocument.Parse(null);
        document.SetToken(new TokenCacheEntry { Key = "k", Provider = "Cognito", ClientId = "c", Authority = "https://x/oauth2/token" }, new CachedToken(new Secret("t"), "Bearer", DateTimeOffset.UtcNow.AddHours(1), null));
        TokenCacheStore.Write(cache.Path, document.ToBytes());
        Assert.Equal("t", cache.ReadWithoutLock()!.GetToken("k")!.AccessToken.Reveal());
    }

    [Theory]
    [InlineData("jwt")]
    [InlineData("scp-array")]
    [InlineData("padded")]
    [InlineData("opaque")]
    [InlineData("")]
    public void ReadClaims_AgreesWithTheFullInspection(string shape)
    {
        var token = new Secret(shape switch
        {
            "jwt" => TestJwt.RsaToken(new { iss = "https://idp.test", aud = new[] { "a", "b" }, scope = "read  write" }),
            "scp-array" => TestJwt.RsaToken(new { iss = "https://idp.test", aud = "a", scp = new[] { "x", "y" } }),
            // Padding golang-jwt refuses and PyJWT accepts: the PyJWT reading answers, as in Inspect.
            "padded" => TestJwt.B64("{\"alg\":\"none\"}") + "=." + TestJwt.B64("{\"iss\":\"py\",\"scope\":\"s\"}") + ".c2ln",
            "opaque" => "opaque-token-value",
            _ => "",
        });
        var full = TokenInspector.Inspect(token, DateTimeOffset.UtcNow);
        var claims = TokenInspector.ReadClaims(token);
        Assert.Equal(full.Issuer, claims.Issuer);
        Assert.Equal(full.Audiences, claims.Audiences);
        Assert.Equal(full.Scopes, claims.Scopes);
    }

    [Fact]
    public void MsalToken_IsFoundForExactlyItsScopesAndOnlyWhileValidLongEnough()
    {
        var expires = DateTimeOffset.UtcNow.AddMinutes(10);
        var item = new { environment = "idp", client_id = "c", secret = "tok", credential_type = "AccessToken", target = "read write", expires_on = expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var msal = System.Text.Json.JsonSerializer.Serialize(new { AccessToken = new { k = item } });
        var document = TokenCacheDocument.Parse(null);
        document.SetMsal(new TokenCacheEntry { Key = "p", Provider = "Oidc", ClientId = "c", Authority = "https://idp/" }, System.Text.Encoding.UTF8.GetBytes(msal));
        Assert.Equal("tok", document.FindMsalToken("p", ["WRITE", "read"], DateTimeOffset.UtcNow.AddMinutes(5))!.AccessToken.Reveal());
        Assert.Null(document.FindMsalToken("p", ["read"], DateTimeOffset.UtcNow.AddMinutes(5)));
        Assert.Null(document.FindMsalToken("p", ["read", "write"], expires.AddSeconds(1)));
        Assert.Null(document.FindMsalToken("other", ["read", "write"], DateTimeOffset.UtcNow));
    }

    [Fact]
    public void ClientAssertion_IsSignedForTheTokenEndpointWithTheThumbprintKid()
    {
        using var rsa = RSA.Create(2048);
        using var folder = new TempDirectory();
        using var key = ClientSigningKey.FromPemFile(folder.Write("k.pem", rsa.ExportPkcs8PrivateKeyPem()));
        var assertion = key.CreateAssertion("bot", "https://idp.example/token", DateTimeOffset.UtcNow);
        var parts = assertion.Split('.');
        Assert.True(rsa.VerifyData(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlEncoder.DecodeBytes(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var inspection = McpRegistryAuth.Core.Tokens.TokenInspector.Inspect(new Secret(assertion), DateTimeOffset.UtcNow);
        Assert.Equal(key.KeyId, inspection.KeyId);
        Assert.Equal(["https://idp.example/token"], inspection.Audiences);
        Assert.Equal("bot", inspection.Subject);
    }

    [Fact]
    public void PrivateKeyFile_WithoutAKeyIsExplained()
    {
        using var folder = new TempDirectory();
        var failure = Assert.Throws<CommandFailureException>(() => ClientSigningKey.FromPemFile(folder.Write("k.pem", "not a key")));
        Assert.Equal("PrivateKeyInvalid", failure.ErrorId);
    }

    [Fact]
    public async Task PlainHttp_IsRefusedExceptOnLoopback()
    {
        var request = new ClientCredentialsRequest { TokenEndpoint = new Uri("http://idp.example.com/token"), Provider = OAuthProvider.Oidc, ClientId = "c", ClientSecret = new Secret("s") };
        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => AccessTokenClient.GetAsync(request, new OperationLog(), CancellationToken.None));
        Assert.Equal("InsecureTokenEndpoint", failure.ErrorId);
    }
}

/// <summary>Test-ScopeAccess -Token: the caller the token's claims name, read as the gateway's /validate reads them.</summary>
public sealed class TokenCallerTests
{
    [Fact]
    public void IdpTokenWithGroups_HasItsGroupsMappedAndItsScopeClaimIgnored()
    {
        var token = new Secret(TestJwt.RsaToken(new { iss = "https://kc.example.com/realms/mcp", groups = new[] { "registry-users-lob1" }, scope = "mcp-servers-unrestricted/execute" }));
        var caller = TokenCaller.Resolve(ScopeFixtures.DefaultMcpScopes(), token, DateTimeOffset.UtcNow);
        Assert.True(caller.GroupsMapped);
        Assert.Equal(["registry-users-lob1"], caller.Scopes);
        Assert.True(caller.Checks[0].Passed);
        Assert.Contains("keycloak", caller.Checks[1].Observed);
    }

    [Fact]
    public void IdpTokenWithoutGroups_KeepsItsScopeClaim()
    {
        var token = new Secret(TestJwt.RsaToken(new { iss = "https://pool.auth.eu-west-1.amazoncognito.com", scope = "registry-admins" }));
        var caller = TokenCaller.Resolve(ScopeFixtures.DefaultMcpScopes(), token, DateTimeOffset.UtcNow);
        Assert.False(caller.GroupsMapped);
        Assert.Equal(["registry-admins"], caller.Scopes);
    }

    [Fact]
    public void OpaqueToken_NamesNoCaller()
    {
        var caller = TokenCaller.Resolve(ScopeFixtures.DefaultMcpScopes(), new Secret("opaque-token-value"), DateTimeOffset.UtcNow);
        Assert.Empty(caller.Scopes);
        Assert.False(caller.Checks[0].Passed);
    }

    [Theory]
    [InlineData("mcp-auth-server", "self_signed")]
    [InlineData("https://login.microsoftonline.com/t/v2.0", "entra")]
    [InlineData("https://idp.example.com", "keycloak")]
    public void AuthMethod_FollowsTheIssuer(string issuer, string method) => Assert.Equal(method, TokenCaller.AuthMethod(issuer));
}
