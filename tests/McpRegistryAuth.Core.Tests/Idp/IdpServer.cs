using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace McpRegistryAuth.Core.Tests.Idp;

/// <summary>
/// A real OpenID Provider (tests/fixtures/idp, the oidc-provider npm package) running under node on 127.0.0.1
/// over HTTPS with a certificate from a CA generated for this run. Tests get real tokens from it.
/// </summary>
public sealed class IdpServer : IAsyncDisposable
{
    public const string ClientSecret = "idp-fixture-client-secret-0123456789";

    private readonly Process process;
    private readonly string directory;
    private readonly TestCertificateAuthority authority;

    private IdpServer(Process process, string directory, TestCertificateAuthority authority, string issuer, int port, string caFile)
    {
        this.process = process;
        this.directory = directory;
        this.authority = authority;
        Issuer = issuer;
        Port = port;
        CaFile = caFile;
        Client = authority.CreateTrustingClient();
    }

    public string Issuer { get; }

    public int Port { get; }

    public string BaseUrl => $"https://127.0.0.1:{Port}";

    /// <summary>PEM of the test CA, the file a caCertPath setting would name.</summary>
    public string CaFile { get; }

    /// <summary>Trusts only the test CA.</summary>
    public HttpClient Client { get; }

    public HttpClient CreateClient(TimeSpan timeout) => authority.CreateTrustingClient(timeout);

    /// <param name="issuerSuffix">Appended to https://127.0.0.1:port to form the issuer (e.g. "/", "/realms/mcp-gateway").</param>
    /// <param name="audience">The aud of JWT access tokens requested without a resource.</param>
    /// <param name="routes">oidc-provider route overrides, e.g. jwks → "/realms/x/protocol/openid-connect/certs".</param>
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>
    /// Runs `npm ci` once when the fixture's packages are missing, so `dotnet test` works on a fresh
    /// clone; the pinned package-lock.json decides the versions.
    /// </summary>
    private static async Task EnsureInstalledAsync(string fixtureDirectory)
    {
        // npm writes node_modules/.package-lock.json last, so a half-extracted install never counts as done.
        var marker = Path.Combine(fixtureDirectory, "node_modules", ".package-lock.json");
        if (File.Exists(marker)) return;
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(marker)) return;
            var start = new ProcessStartInfo("npm") { WorkingDirectory = fixtureDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" }) start.ArgumentList.Add(argument);
            using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started");
            var stderr = npm.StandardError.ReadToEndAsync();
            await npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0 || !File.Exists(marker))
                throw new InvalidOperationException($"The test IdP could not be installed: 'npm ci' in {fixtureDirectory} exited with {npm.ExitCode}: {await stderr}");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <param name="clientJwks">Public keys of jwt-client, the private_key_jwt client (none: no such client).</param>
    public static async Task<IdpServer> StartAsync(string issuerSuffix = "", string audience = "https://registry.test", IReadOnlyDictionary<string, string>? routes = null, object? clientJwks = null)
    {
        var fixtureDirectory = FindFixtureDirectory();
        await EnsureInstalledAsync(fixtureDirectory);

        var directory = Directory.CreateTempSubdirectory("mcpra-idp-").FullName;
        var authority = new TestCertificateAuthority();
        var (cert, key, ca) = authority.WritePem(directory);
        var configFile = Path.Combine(directory, "config.json");
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(new { certFile = cert, keyFile = key, issuerSuffix, clientSecret = ClientSecret, audience, routes, clientJwks }));

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = fixtureDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("idp.mjs");
        start.ArgumentList.Add(configFile);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();

        var lineTask = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(lineTask, Task.Delay(TimeSpan.FromSeconds(120))) != lineTask || lineTask.Result is null)
        {
            try { process.Kill(); } catch (InvalidOperationException) { }
            string stderr;
            lock (errors) stderr = errors.ToString();
            throw new InvalidOperationException("The test IdP did not start: " + stderr);
        }

        using var ready = JsonDocument.Parse(lineTask.Result);
        return new IdpServer(process, directory, authority, ready.RootElement.GetProperty("issuer").GetString()!, ready.RootElement.GetProperty("port").GetInt32(), ca);
    }

    /// <summary>A client-credentials access token from the token endpoint (route <paramref name="tokenPath"/>).</summary>
    public async Task<string> GetAccessTokenAsync(string clientId, string? resource = null, string scope = "read", string tokenPath = "/token")
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope };
        if (resource is not null) form["resource"] = resource;
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + tokenPath) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{ClientSecret}")));
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"token request for {clientId} failed: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Replaces the IdP's signing keys (new kids; the old keys leave the JWKS).</summary>
    public async Task RotateKeysAsync()
    {
        using var response = await Client.PostAsync(BaseUrl + "/test/rotate", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Delays every later token request by <paramref name="milliseconds"/> (0: no delay).</summary>
    public async Task SetTokenDelayAsync(int milliseconds)
    {
        using var response = await Client.PostAsync($"{BaseUrl}/test/delay/{milliseconds}", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many requests each path has served so far.</summary>
    public async Task<IReadOnlyDictionary<string, int>> GetRequestCountsAsync() =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(await Client.GetStringAsync(BaseUrl + "/test/stats"))!;

    /// <summary>What the last token request (/token or the Cognito-shaped /oauth2/token) sent: Authorization scheme ("Basic" or null) and body keys.</summary>
    public async Task<(string? Authorization, IReadOnlyList<string> BodyKeys)> GetLastTokenRequestAsync()
    {
        var sent = JsonSerializer.Deserialize<JsonElement>(await Client.GetStringAsync(BaseUrl + "/test/last-token-request"));
        var authorization = sent.GetProperty("authorization");
        return (authorization.ValueKind == JsonValueKind.String ? authorization.GetString() : null, sent.GetProperty("bodyKeys").EnumerateArray().Select(k => k.GetString()!).ToList());
    }

    /// <summary>
    /// Sets the lifetimes (s) of cli-public's access and refresh tokens and of device codes, the polling
    /// interval the device endpoint advertises, and how many of the next device-code polls get slow_down.
    /// </summary>
    public async Task ConfigureUserFlowsAsync(int accessTtl = 600, int refreshTtl = 3600, int deviceTtl = 600, int interval = 1, int slowDown = 0)
    {
        using var response = await Client.PostAsync($"{BaseUrl}/test/interactive?accessTtl={accessTtl}&refreshTtl={refreshTtl}&deviceTtl={deviceTtl}&interval={interval}&slowDown={slowDown}", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every device-code poll so far: when (ms since the epoch) and what the fixture did with it.</summary>
    public async Task<IReadOnlyList<(long At, string Answer)>> GetDevicePollsAsync() =>
        JsonSerializer.Deserialize<JsonElement>(await Client.GetStringAsync(BaseUrl + "/test/device-polls")).EnumerateArray()
            .Select(p => (p.GetProperty("at").GetInt64(), p.GetProperty("answer").GetString()!)).ToList();

    /// <summary>
    /// Acts as the user at a browser (tests/fixtures/idp/act-as-user.mjs): opens <paramref name="url"/>, fills
    /// in the user code, login and consent forms, follows every redirect (to the client's loopback listener
    /// too). Returns the last status and the body of a page off the IdP (the listener's).
    /// </summary>
    public async Task<(int Status, string? Body)> ActAsUserAsync(string url, string user = "alice", string password = "alice-password", bool decline = false)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = FindFixtureDirectory(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // --decline: Abort on the device confirmation page, Deny on the consent page.
        foreach (var argument in (string[])["act-as-user.mjs", .. decline ? ["--decline"] : Array.Empty<string>(), url, user, password]) start.ArgumentList.Add(argument);
        start.Environment["NODE_EXTRA_CA_CERTS"] = CaFile;
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var stderr = node.StandardError.ReadToEndAsync();
        var stdout = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        if (node.ExitCode != 0) throw new InvalidOperationException($"act-as-user.mjs exited with {node.ExitCode}: {await stderr}");
        using var json = JsonDocument.Parse(stdout);
        var body = json.RootElement.GetProperty("body");
        return (json.RootElement.GetProperty("status").GetInt32(), body.ValueKind == JsonValueKind.String ? body.GetString() : null);
    }

    /// <summary>Revokes a token at the IdP's revocation endpoint (RFC 7009) as the public client cli-public.</summary>
    public async Task RevokeAsync(string token)
    {
        using var response = await Client.PostAsync(BaseUrl + "/token/revocation", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["client_id"] = "cli-public" }));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        authority.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    private static string FindFixtureDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "idp");
            if (File.Exists(Path.Combine(candidate, "idp.mjs"))) return candidate;
        }

        throw new InvalidOperationException("tests/fixtures/idp/idp.mjs not found above " + AppContext.BaseDirectory);
    }
}
