using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.Idp;
using Xunit;

namespace McpRegistryAuth.Core.Tests.OAuth;

/// <summary>
/// Device code, browser sign-in with PKCE and refresh tokens against the real oidc-provider, the test acting
/// as the user through the provider's own pages (act-as-user.mjs) and following the redirect to the listener.
/// </summary>
public sealed partial class RealIdpUserFlowTests(OAuthIdp idp) : IClassFixture<OAuthIdp>, IAsyncLifetime
{
    private readonly string cachePath = Path.Combine(idp.Folder, Guid.NewGuid().ToString("N"), TokenCacheFile.FileName);

    public Task InitializeAsync() => idp.Server.ConfigureUserFlowsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DeviceCode_UserApprovesOnTheProvidersPages_TokenAndRefreshTokenKeptInA0600Cache()
    {
        var (result, lines) = await SignInAsync(Request(TokenFlow.DeviceCode), approve: true);

        Assert.Equal("DeviceCode", result.Flow);
        Assert.False(result.FromCache);
        Assert.Contains("https://registry.test", result.Audience);
        var warning = Assert.Single(lines, l => l.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.Matches(@"open https://127\.0\.0\.1:\d+/device and enter the code [A-Z]{4}-[A-Z]{4}", warning);
        var cached = CachedPartition();
        Assert.False(string.IsNullOrEmpty((string?)cached["token"]!["refresh_token"]));
        Assert.Equal("DeviceCode", (string?)cached["flow"]);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cachePath));
        AssertNoSecretIn(lines, result);
    }

    [Fact]
    public async Task DeviceCode_SlowDown_PollsFiveSecondsSlowerFromThenOn()
    {
        await idp.Server.ConfigureUserFlowsAsync(interval: 1, slowDown: 1);
        var before = (await idp.Server.GetDevicePollsAsync()).Count;

        var (result, lines) = await SignInAsync(Request(TokenFlow.DeviceCode), approve: true, approveAfter: TimeSpan.FromSeconds(2));

        Assert.Equal("DeviceCode", result.Flow);
        var polls = (await idp.Server.GetDevicePollsAsync()).Skip(before).ToList();
        Assert.Equal("slow_down", polls[0].Answer);
        Assert.True(polls.Count >= 2, $"{polls.Count} polls");
        // 1 s interval + 5 s after slow_down; a little slack for the clock.
        Assert.InRange(polls[1].At - polls[0].At, 5800, 20000);
        Assert.Contains(lines, l => l.Contains("slow_down", StringComparison.Ordinal) && l.Contains("every 6 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeviceCode_NobodyApproves_EndsAtExpiresInWithDeviceCodeExpired()
    {
        await idp.Server.ConfigureUserFlowsAsync(deviceTtl: 3, interval: 1);
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => SignInAsync(Request(TokenFlow.DeviceCode), approve: false));

        Assert.Equal("DeviceCodeExpired", failure.ErrorId);
        Assert.Equal(FailureCategory.OperationTimeout, failure.Category);
        // oidc-provider keeps the code's expiry in whole seconds, so it may answer expired_token up to a second early.
        Assert.InRange(watch.Elapsed.TotalSeconds, 1.5, 15);
        Assert.Contains("Run the command again", failure.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceCode_UserAbortsOnTheConfirmationPage_IsSignInDeclined()
    {
        await idp.Server.ConfigureUserFlowsAsync(interval: 1);
        var log = new OperationLog();
        var task = Task.Run(() => UserTokenClient.GetAsync(Request(TokenFlow.DeviceCode), log, CancellationToken.None));
        var url = await WaitForUrlAsync(log, task) ?? throw new InvalidOperationException("no sign-in URL was written");
        await idp.Server.ActAsUserAsync(url, decline: true);

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => task);

        Assert.Equal("SignInDeclined", failure.ErrorId);
        Assert.Equal(FailureCategory.PermissionDenied, failure.Category);
        Assert.Contains("access_denied", failure.Message, StringComparison.Ordinal);
        Assert.Contains("approve the request", failure.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceCode_SignInTimeoutBeforeTheCodeExpires_IsSignInTimeout()
    {
        await idp.Server.ConfigureUserFlowsAsync(interval: 1);

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() =>
            UserTokenClient.GetAsync(Request(TokenFlow.DeviceCode) with { SignInTimeout = TimeSpan.FromSeconds(2) }, new OperationLog(), CancellationToken.None));

        Assert.Equal("SignInTimeout", failure.ErrorId);
        Assert.Contains("device code", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceCode_Cancelled_StopsWaitingAndPolling()
    {
        await idp.Server.ConfigureUserFlowsAsync(interval: 1);
        using var cancel = new CancellationTokenSource();
        var log = new OperationLog();
        var task = Task.Run(() => UserTokenClient.GetAsync(Request(TokenFlow.DeviceCode), log, cancel.Token));
        await WaitForUrlAsync(log, task);
        await Task.Delay(1500);
        cancel.Cancel();
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        var polls = (await idp.Server.GetDevicePollsAsync()).Count;
        await Task.Delay(2500);
        Assert.Equal(polls, (await idp.Server.GetDevicePollsAsync()).Count);
        Assert.False(File.Exists(cachePath) && CachedPartitionOrNull() is not null);
    }

    [Fact]
    public async Task AuthorizationCode_BrowserFollowsTheRedirectToTheListener_WhichAnswersAndCloses()
    {
        var (result, lines, page) = await BrowserSignInAsync(Request(TokenFlow.AuthorizationCode));

        Assert.Equal("AuthorizationCode", result.Flow);
        Assert.Contains("Signed in. You can close this window", page, StringComparison.Ordinal);
        var url = UrlIn(lines);
        Assert.Contains("code_challenge_method=S256", url, StringComparison.Ordinal);
        Assert.Matches("code_challenge=[A-Za-z0-9_-]{43}&", url);
        Assert.Contains("nonce=", url, StringComparison.Ordinal);
        var port = int.Parse(RedirectPort().Match(url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", port));
        Assert.False(string.IsNullOrEmpty((string?)CachedPartition()["token"]!["refresh_token"]));
        AssertNoSecretIn(lines, result);
    }

    [Fact]
    public async Task AuthorizationCode_FixedRedirectPort_IsTheRedirectUri()
    {
        var port = FreePort();
        var (result, lines, _) = await BrowserSignInAsync(Request(TokenFlow.AuthorizationCode) with { RedirectPort = port });

        Assert.Equal("AuthorizationCode", result.Flow);
        Assert.Contains($"redirect_uri=http%3A%2F%2F127.0.0.1%3A{port}%2Fcallback", UrlIn(lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizationCode_RedirectWithAnotherState_IsRefused()
    {
        var log = new OperationLog();
        var task = Task.Run(() => UserTokenClient.GetAsync(Request(TokenFlow.AuthorizationCode), log, CancellationToken.None));
        var url = await WaitForUrlAsync(log, task) ?? throw new InvalidOperationException("no sign-in URL was written");
        var port = RedirectPort().Match(url).Groups[1].Value;
        using var browser = new HttpClient();
        using var answer = await browser.GetAsync($"http://127.0.0.1:{port}/callback?code=forged&state=not-this-one");

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => task);

        Assert.Equal("SignInStateMismatch", failure.ErrorId);
        Assert.Equal(400, (int)answer.StatusCode);
        Assert.Contains("not for the sign-in", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizationCode_BrowserNeverReturns_IsSignInTimeout()
    {
        var failure = await Assert.ThrowsAsync<CommandFailureException>(() =>
            UserTokenClient.GetAsync(Request(TokenFlow.AuthorizationCode) with { SignInTimeout = TimeSpan.FromSeconds(2) }, new OperationLog(), CancellationToken.None));

        Assert.Equal("SignInTimeout", failure.ErrorId);
    }

    [Fact]
    public async Task AuthorizationCode_UserDeniesOnTheConsentPage_IsSignInDeclined_AndTheBrowserIsToldSo()
    {
        var log = new OperationLog();
        var task = Task.Run(() => UserTokenClient.GetAsync(Request(TokenFlow.AuthorizationCode), log, CancellationToken.None));
        var url = await WaitForUrlAsync(log, task) ?? throw new InvalidOperationException("no sign-in URL was written");
        var (status, page) = await idp.Server.ActAsUserAsync(url, decline: true);

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => task);

        Assert.Equal("SignInDeclined", failure.ErrorId);
        Assert.Equal(FailureCategory.PermissionDenied, failure.Category);
        Assert.Contains("access_denied: The user declined the request", failure.Message, StringComparison.Ordinal);
        Assert.Equal(400, status);
        Assert.Contains("The sign-in failed (access_denied)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizationCode_PortInUse_IsRedirectPortInUse()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() =>
            UserTokenClient.GetAsync(Request(TokenFlow.AuthorizationCode) with { RedirectPort = port }, new OperationLog(), CancellationToken.None));

        Assert.Equal("RedirectPortInUse", failure.ErrorId);
    }

    [Fact]
    public async Task Refresh_BeforeExpiry_IsSilent_AndAValidTokenComesFromTheCacheWithoutARequest()
    {
        await idp.Server.ConfigureUserFlowsAsync(accessTtl: 120);
        await SignInAsync(Request(TokenFlow.DeviceCode), approve: true);
        var rotatedFrom = (string?)CachedPartition()["token"]!["refresh_token"];

        // 120 s left is within a 300 s margin: renewed with the refresh token, nobody asked.
        var renewed = await UserTokenClient.GetAsync(Request(TokenFlow.DeviceCode), new OperationLog(), CancellationToken.None);
        Assert.Equal("RefreshToken", renewed.Flow);
        Assert.False(renewed.FromCache);
        Assert.NotEqual(rotatedFrom, (string?)CachedPartition()["token"]!["refresh_token"]); // a public client's refresh token rotates
        Assert.Equal("DeviceCode", (string?)CachedPartition()["flow"]);

        var counts = await idp.Server.GetRequestCountsAsync();
        var cached = await UserTokenClient.GetAsync(Request(TokenFlow.AuthorizationCode) with { Common = Request(TokenFlow.DeviceCode).Common with { RefreshMargin = TimeSpan.Zero } }, new OperationLog(), CancellationToken.None);
        Assert.True(cached.FromCache);
        Assert.Equal(renewed.Fingerprint, cached.Fingerprint);
        Assert.Equal(counts, await idp.Server.GetRequestCountsAsync());
    }

    [Fact]
    public async Task Refresh_AfterRevocation_IsRefreshTokenRejectedAndTheTokenLeavesTheCache()
    {
        await idp.Server.ConfigureUserFlowsAsync(accessTtl: 120);
        await SignInAsync(Request(TokenFlow.DeviceCode), approve: true);
        await idp.Server.RevokeAsync((string)CachedPartition()["token"]!["refresh_token"]!);

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => UserTokenClient.GetAsync(Request(TokenFlow.DeviceCode), new OperationLog(), CancellationToken.None));

        Assert.Equal("RefreshTokenRejected", failure.ErrorId);
        Assert.Equal(FailureCategory.AuthenticationError, failure.Category);
        Assert.Contains("revoked", failure.Message, StringComparison.Ordinal);
        Assert.Contains("rotated", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Run the same command again to sign in", failure.Fix, StringComparison.Ordinal);
        Assert.Null(CachedPartition()["token"]!["refresh_token"]);
    }

    [Fact]
    public async Task Refresh_WithARotatedOutRefreshToken_IsRefreshTokenRejected()
    {
        await idp.Server.ConfigureUserFlowsAsync(accessTtl: 120);
        await SignInAsync(Request(TokenFlow.DeviceCode), approve: true);
        var copy = await File.ReadAllBytesAsync(cachePath);
        await UserTokenClient.GetAsync(Request(TokenFlow.DeviceCode), new OperationLog(), CancellationToken.None); // rotates
        await File.WriteAllBytesAsync(cachePath, copy); // another copy of the cache still holds the old one

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => UserTokenClient.GetAsync(Request(TokenFlow.DeviceCode), new OperationLog(), CancellationToken.None));

        Assert.Equal("RefreshTokenRejected", failure.ErrorId);
    }

    [Fact]
    public async Task Refresh_AfterTheRefreshTokenExpired_IsRefreshTokenRejected()
    {
        await idp.Server.ConfigureUserFlowsAsync(accessTtl: 120, refreshTtl: 2);
        await SignInAsync(Request(TokenFlow.DeviceCode), approve: true);
        await Task.Delay(3000);

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => UserTokenClient.GetAsync(Request(TokenFlow.DeviceCode), new OperationLog(), CancellationToken.None));

        Assert.Equal("RefreshTokenRejected", failure.ErrorId);
        Assert.Contains("expired", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForceRefresh_SignsInAgainDespiteACachedToken()
    {
        await SignInAsync(Request(TokenFlow.DeviceCode), approve: true);
        var (again, _) = await SignInAsync(Request(TokenFlow.DeviceCode) with { Common = Request(TokenFlow.DeviceCode).Common with { ForceRefresh = true } }, approve: true);

        Assert.Equal("DeviceCode", again.Flow);
        Assert.False(again.FromCache);
    }

    private UserTokenRequest Request(TokenFlow flow) => new()
    {
        Common = new ClientCredentialsRequest
        {
            Authority = new Uri(idp.Server.Issuer),
            Provider = OAuthProvider.Oidc,
            ClientId = "cli-public",
            Scopes = ProviderRules.UserFlowScopes(OAuthProvider.Oidc, ["read"]),
            Trust = TrustRoots.FromPemFile(idp.Server.CaFile),
            Timeout = TimeSpan.FromSeconds(20),
            CachePath = cachePath,
        },
        Flow = flow,
        OpenBrowser = false,
        SignInTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Runs the sign-in as the cmdlet does, reading its lines as they come and, told to, approving as the user.</summary>
    private async Task<(AccessTokenResult Result, List<string> Lines)> SignInAsync(UserTokenRequest request, bool approve, TimeSpan? approveAfter = null)
    {
        var log = new OperationLog();
        var lines = new List<string>();
        var task = Task.Run(() => UserTokenClient.GetAsync(request, log, CancellationToken.None));
        var url = await WaitForUrlAsync(log, task, lines);
        if (approve && url is not null)
        {
            if (approveAfter is { } delay) await Task.Delay(delay);
            await idp.Server.ActAsUserAsync(url);
        }

        while (!task.IsCompleted) Drain(log, lines, TimeSpan.FromMilliseconds(100));
        Drain(log, lines, TimeSpan.Zero);
        return (await task, lines);
    }

    private async Task<(AccessTokenResult Result, List<string> Lines, string Page)> BrowserSignInAsync(UserTokenRequest request)
    {
        var log = new OperationLog();
        var lines = new List<string>();
        var task = Task.Run(() => UserTokenClient.GetAsync(request, log, CancellationToken.None));
        var url = await WaitForUrlAsync(log, task, lines) ?? throw new InvalidOperationException("no sign-in URL was written");
        var (_, page) = await idp.Server.ActAsUserAsync(url);
        var result = await task;
        Drain(log, lines, TimeSpan.Zero);
        return (result, lines, page ?? "");
    }

    /// <summary>The URL the user is told to open (the complete verification URL, or the authorization URL); null when the operation ended first.</summary>
    private static async Task<string?> WaitForUrlAsync(OperationLog log, Task task, List<string>? lines = null)
    {
        lines ??= [];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Drain(log, lines, TimeSpan.FromMilliseconds(100));
            if (lines.FirstOrDefault(l => l.StartsWith("warning: ", StringComparison.Ordinal)) is { } warning)
            {
                var complete = Regex.Match(warning, @"\(or open (\S+)\)");
                return complete.Success ? complete.Groups[1].Value : UrlIn(lines);
            }

            if (task.IsCompleted) return null;
            await Task.Yield();
        }

        throw new TimeoutException("no sign-in instructions were written");
    }

    private static void Drain(OperationLog log, List<string> lines, TimeSpan wait)
    {
        log.WaitForLine(wait);
        log.Drain(v => lines.Add("verbose: " + v), d => lines.Add("debug: " + d), w => lines.Add("warning: " + w));
    }

    private static string UrlIn(List<string> lines) =>
        Regex.Match(lines.First(l => l.StartsWith("warning: ", StringComparison.Ordinal)), @"(https://\S+/auth\?\S+)").Groups[1].Value;

    [GeneratedRegex(@"redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A(\d+)%2Fcallback")]
    private static partial Regex RedirectPort();

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private JsonObject? CachedPartitionOrNull() =>
        (JsonNode.Parse(File.ReadAllBytes(cachePath))!["partitions"] as JsonObject)!.Select(p => p.Value).OfType<JsonObject>().FirstOrDefault(p => (string?)p["client_id"] == "cli-public");

    private JsonObject CachedPartition() => CachedPartitionOrNull() ?? throw new InvalidOperationException("no cli-public partition in the cache");

    /// <summary>Neither the access token, the refresh token nor the ID token appears in any line written.</summary>
    private void AssertNoSecretIn(List<string> lines, AccessTokenResult result)
    {
        var token = CachedPartition()["token"]!;
        var secrets = new[] { result.Token.Reveal(), (string?)token["refresh_token"] }.OfType<string>();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, result.ToString(), StringComparison.Ordinal);
        }
    }
}
