using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Payloads;
using McpRegistryAuth.Core.McpProtocol;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.RegistryApi;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Net8Probe;

/// <summary>
/// The calls the cmdlets make, one per check. Kept out of Program so that no method touching a core type is
/// compiled before the loader is hooked.
/// </summary>
internal static class CoreChecks
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void CoreIsPrivate()
    {
        var context = AssemblyLoadContext.GetLoadContext(typeof(Fingerprint).Assembly);
        Program.Expect(context?.Name == "McpRegistryAuth", $"the core loaded into '{context?.Name}'");
        Program.Expect(Fingerprint.Of("abc") == "ba7816bf", "fingerprint of 'abc'");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void RegistryListing(Uri registry)
    {
        var invoker = RegistryApiInvoker.Open(new RegistryApiCall { Uri = "/api/servers", RegistryUrl = registry.AbsoluteUri }, new OperationLog());
        var items = invoker.Items(CancellationToken.None, masked: false)
            .Select(item => (Dictionary<string, object?>)JsonValues.ToValue(item, DictionaryBuilder.Instance, maskTokens: true)!).ToList();
        Program.Expect(items.Count == 3, $"{items.Count} item(s) over two pages");
        Program.Expect((string?)items[0]["name"] == "alpha" && (long?)items[0]["version"] == 2, "the first item's fields");
        Program.Expect(items[0]["token"] is string masked && masked.StartsWith("<token ", StringComparison.Ordinal), "the token field is masked");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void TokenInspection()
    {
        static string Segment(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var jwt = $"{Segment("""{"alg":"HS256","typ":"JWT"}""")}.{Segment("""{"iss":"https://probe.example","sub":"ci","aud":"mcp-registry","exp":4102444800,"scope":"a b"}""")}.c2ln";
        var inspection = TokenInspector.Inspect(new Secret(jwt), DateTimeOffset.UtcNow);
        Program.Expect(inspection.Issuer == "https://probe.example", $"issuer '{inspection.Issuer}'");
        Program.Expect(inspection.Audiences.SequenceEqual(["mcp-registry"]), "audience");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SelfSignedToken()
    {
        // Microsoft.IdentityModel: a P-256 key as INTERNAL_SIGNING_KEY_GENERATE writes it, an ES256 token minted
        // with it, and its public JWK read back as a key set.
        var (pem, keyId) = InternalSigningKey.Generate();
        var path = Path.Combine(Path.GetTempPath(), $"net8probe-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, pem);
        try
        {
            var minted = SelfSignedTokenMinter.Mint(new SelfSignedTokenRequest { SigningKeyPath = path, Subject = "probe", Scopes = ["registry-admins"] });
            var inspection = TokenInspector.Inspect(minted.Token, DateTimeOffset.UtcNow);
            Program.Expect(minted.KeyId == keyId && inspection.KeyId == keyId && inspection.Algorithm == "ES256", $"kid {inspection.KeyId}, alg {inspection.Algorithm}");
            using var key = InternalSigningKey.Load(path);
            var keys = KeySet.Parse($"{{\"keys\":[{InternalSigningKey.PublicJwk(key)}]}}", "probe", DateTimeOffset.UtcNow, out var error);
            Program.Expect(keys is not null && keys.KeyIds.SequenceEqual([keyId]), error ?? "the key set's key ids");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MsalClientCredentials()
    {
        // MSAL (and its System.Diagnostics.DiagnosticSource) on .NET 8: discovery and client credentials against
        // an HTTPS provider trusted through -CaCertPath, as Get-McpAccessToken asks.
        using var provider = new TlsIdentityProvider();
        var (request, _) = TokenRequestBuilder.Build(new TokenParameters
        {
            Authority = provider.Authority.AbsoluteUri, Provider = "Oidc", ClientId = "net8-probe", ClientSecret = new Secret("net8-probe-secret"),
            Scopes = ["registry"], CaCertPath = provider.CaCertificatePath, NoCache = true, Timeout = TimeSpan.FromSeconds(20),
        }, null, p => p);
        var log = new OperationLog();
        var result = Task.Run(() => AccessTokenClient.GetAsync(request, log, CancellationToken.None)).GetAwaiter().GetResult();
        var lines = new List<string>();
        log.Drain(lines.Add, lines.Add);
        Program.Expect(result.Token.Fingerprint == Fingerprint.Of(TlsIdentityProvider.AccessToken), "the access token the provider issued");
        Program.Expect(lines.Any(l => l.Contains("through MSAL", StringComparison.Ordinal)), "the request went through MSAL: " + string.Join(" | ", lines.Take(3)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ScopesYaml()
    {
        const string Yaml = """
            group_mappings:
              registry-users:
                - mcp-servers-restricted/read
            mcp-servers-restricted/read:
              - server: currenttime
                methods: [initialize, tools/list, tools/call]
                tools: [current_time_by_timezone]
            """;
        var definitions = ScopesYamlLoader.FromText(Yaml);
        var tester = new ScopeAccessTester(definitions);
        var caller = EffectiveScopeResolver.ForCaller(definitions, ["registry-users"], null);
        var allowed = tester.Test(caller, "currenttime", "tools/call", "current_time_by_timezone");
        var denied = tester.Test(caller, "currenttime", "tools/call", "other_tool");
        Program.Expect(allowed.Allowed && !denied.Allowed, $"allowed {allowed.Allowed}, denied {!denied.Allowed}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void McpConnection(Uri server)
    {
        var log = new OperationLog();
        var result = Task.Run(async () =>
        {
            var options = await McpConnectionSetup.CreateAsync(new Uri(server, "mcp").AbsoluteUri, null, null, null, TimeSpan.FromSeconds(20), false, null, p => p, log, CancellationToken.None);
            var test = new McpConnectionTest
            {
                Connection = options, CallTools = ["echo"],
                ToolArguments = new Dictionary<string, IReadOnlyDictionary<string, object?>> { ["echo"] = new Dictionary<string, object?> { ["text"] = "hi", ["count"] = 2 } },
            };
            return await McpConnectionTester.TestAsync(test, log, CancellationToken.None);
        }).GetAwaiter().GetResult();
        Program.Expect(result.Succeeded, $"{result.FailedStep}: {result.Message}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void CoreJsonIsPrivate()
    {
        var context = AssemblyLoadContext.GetLoadContext(typeof(Fingerprint).Assembly)!;
        var json = context.Assemblies.FirstOrDefault(a => a.GetName().Name == "System.Text.Json");
        Program.Expect(json is not null, "no System.Text.Json in the module's context");
        Program.Expect(json!.GetName().Version!.Major >= 10, $"System.Text.Json {json.GetName().Version}");
        Program.Expect(typeof(System.Text.Json.JsonDocument).Assembly.GetName().Version!.Major == 8, "this process's own System.Text.Json is .NET 8's");
    }

    private sealed class DictionaryBuilder : IJsonObjectBuilder
    {
        public static readonly DictionaryBuilder Instance = new();

        public object NewObject() => new Dictionary<string, object?>(StringComparer.Ordinal);

        public void Add(object target, string name, object? value) => ((Dictionary<string, object?>)target)[name] = value;
    }
}
