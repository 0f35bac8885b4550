using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.Http;
using Xunit;

namespace McpRegistryAuth.Core.Tests.OAuth;

/// <summary>
/// Entra's device code through MSAL's PublicClientApplication against <see cref="LoopbackEntra"/> (Entra's v2
/// endpoints for a tenant on 127.0.0.1 over HTTPS): the message queued from MSAL's callback, slow_down,
/// expiry, a declined sign-in, Ctrl+C, -SignInTimeoutSec, and silent renewal from MSAL's cache kept in the
/// module's token cache.
/// </summary>
public sealed partial class EntraDeviceCodeTests : IAsyncLifetime
{
    private const string ClientId = "3f8e2a1b-6c4d-4e5f-a7b8-9c0d1e2f3a4b";
    private const string ApiScope = "api://mcp-registry/user_impersonation";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "mra-entra-" + Guid.NewGuid().ToString("N"));
    private LoopbackEntra entra = null!;

    private string CachePath => Path.Combine(folder, TokenCacheFile.FileName);

    public async Task InitializeAsync() => entra = await LoopbackEntra.StartAsync();

    public async Task DisposeAsync()
    {
        await entra.DisposeAsync();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task DeviceCode_Entra_GoesThroughMsal_MessageQueuedForThePipelineThread_MsalCacheKeptInTheTokenCache()
    {
        var (result, lines) = await SignInAsync(Request(), approve: true);

        Assert.Equal("DeviceCode", result.Flow);
        Assert.False(result.FromCache);
        Assert.Equal(OAuthProvider.Entra, result.Provider);
        Assert.Contains("user_impersonation", result.Scopes);
        var warning = Assert.Single(lines, l => l.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.Matches($@"^warning: To sign in, open {Regex.Escape(entra.BaseUrl)}/devicelogin and enter the code [A-Z0-9]{{9}}\. The code expires at \d\d:\d\d:\d\d UTC\.$", warning);
        Assert.Contains(lines, l => l.StartsWith("debug: MSAL ", StringComparison.Ordinal));
        // MSAL asked: the API scope plus its own reserved scopes, at the tenant's v2 device code endpoint.
        var asked = Assert.Single(entra.Requests, r => r.Contains("/oauth2/v2.0/devicecode", StringComparison.Ordinal));
        Assert.Contains(ApiScope, asked, StringComparison.Ordinal);
        Assert.Contains("offline_access", asked, StringComparison.Ordinal);
        var partition = CachedPartition();
        Assert.Equal("DeviceCode", (string?)partition["flow"]);
        Assert.Equal("Entra", (string?)partition["provider"]);
        Assert.NotEmpty((JsonObject)partition["msal"]!["RefreshToken"]!);
        Assert.Null(partition["token"]);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CachePath));
        AssertNoTokenIn(lines);
    }

    [Fact]
    public async Task DeviceCode_Entra_RenewsSilentlyFromMsalsCache_AndAnswersAValidTokenWithoutARequest()
    {
        var (signedIn, _) = await SignInAsync(Request(), approve: true);

        var log = new OperationLog();
        var renewed = await UserTokenClient.GetAsync(Request() with { Common = Request().Common with { RefreshMargin = TimeSpan.FromHours(2) } }, log, CancellationToken.None);
        Assert.Equal(AccessTokenResult.RefreshTokenFlow, renewed.Flow);
        Assert.False(renewed.FromCache);
        Assert.NotEqual(signedIn.Fingerprint, renewed.Fingerprint);
        Assert.Single(entra.Requests, r => r.Contains("/oauth2/v2.0/token refresh_token", StringComparison.Ordinal));

        var before = entra.Requests.Count;
        var cached = await UserTokenClient.GetAsync(Request() with { Common = Request().Common with { RefreshMargin = TimeSpan.Zero } }, new OperationLog(), CancellationToken.None);
        Assert.True(cached.FromCache);
        Assert.Equal(renewed.Fingerprint, cached.Fingerprint);
        Assert.Equal("DeviceCode", cached.Flow);
        Assert.Equal(before, entra.Requests.Count);
        AssertNoTokenIn(Lines(log));
    }

    [Fact]
    public async Task DeviceCode_Entra_RefreshAfterRevocation_IsRefreshTokenRejected_AndMsalsCacheLeavesThePartition()
    {
        await SignInAsync(Request(), approve: true);
        entra.RevokeRefreshTokens();

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() =>
            UserTokenClient.GetAsync(Request() with { Common = Request().Common with { RefreshMargin = TimeSpan.FromHours(2) } }, new OperationLog(), CancellationToken.None));

        Assert.Equal("RefreshTokenRejected", failure.ErrorId);
        Assert.Equal(FailureCategory.AuthenticationError, failure.Category);
        Assert.Contains("AADSTS50173", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Run the same command again to sign in", failure.Fix, StringComparison.Ordinal);
        Assert.Null(CachedPartition()["msal"]);
    }

    [Fact]
    public async Task DeviceCode_Entra_SlowDown_MsalPollsFiveSecondsSlowerFromThenOn()
    {
        entra.SlowDowns = 1;

        var (result, lines) = await SignInAsync(Request(), approve: true, approveAfter: TimeSpan.FromSeconds(3));

        Assert.Equal("DeviceCode", result.Flow);
        var polls = entra.Polls.ToList();
        Assert.Equal("slow_down", polls[0].Answer);
        Assert.True(polls.Count >= 2, $"{polls.Count} polls");
        // 1 s interval + 5 s after slow_down; some slack for the clock.
        Assert.InRange((polls[1].At - polls[0].At).TotalSeconds, 5.8, 20);
        Assert.Contains(lines, l => l.Contains("slow_down", StringComparison.Ordinal) && l.Contains("every 6 s", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("authorization_declined")]
    [InlineData("access_denied")]
    public async Task DeviceCode_Entra_UserDeclines_IsSignInDeclined(string error)
    {
        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => SignInAsync(Request(), approve: false, declineError: error));

        Assert.Equal("SignInDeclined", failure.ErrorId);
        Assert.Equal(FailureCategory.PermissionDenied, failure.Category);
        Assert.Contains(error, failure.Message, StringComparison.Ordinal);
        Assert.Contains("approve the request", failure.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceCode_Entra_NobodyApproves_MsalStopsAtExpiresIn_DeviceCodeExpired()
    {
        entra.ExpiresIn = 3;
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => SignInAsync(Request(), approve: false, decide: false));

        Assert.Equal("DeviceCodeExpired", failure.ErrorId);
        Assert.Equal(FailureCategory.OperationTimeout, failure.Category);
        Assert.InRange(watch.Elapsed.TotalSeconds, 2.5, 15);
    }

    [Fact]
    public async Task DeviceCode_Entra_ServerSaysExpiredToken_IsDeviceCodeExpired()
    {
        entra.ServerExpirySeconds = 2;

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => SignInAsync(Request(), approve: false, decide: false));

        Assert.Equal("DeviceCodeExpired", failure.ErrorId);
        Assert.Equal("expired_token", entra.Polls.Last().Answer);
    }

    [Fact]
    public async Task DeviceCode_Entra_SignInTimeout_EndsTheWaitBeforeTheCodeExpires()
    {
        var failure = await Assert.ThrowsAsync<CommandFailureException>(() =>
            SignInAsync(Request() with { SignInTimeout = TimeSpan.FromSeconds(2) }, approve: false, decide: false));

        Assert.Equal("SignInTimeout", failure.ErrorId);
        Assert.Equal(FailureCategory.OperationTimeout, failure.Category);
        Assert.Contains("-SignInTimeoutSec", failure.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceCode_Entra_Cancelled_StopsMsalsPolling()
    {
        using var cancel = new CancellationTokenSource();
        var log = new OperationLog();
        var task = Task.Run(() => UserTokenClient.GetAsync(Request(), log, cancel.Token));
        await WaitForUserCodeAsync(log, task, []);
        await Task.Delay(1500);
        cancel.Cancel();
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        var polls = entra.Polls.Count;
        await Task.Delay(2500);
        Assert.Equal(polls, entra.Polls.Count);
        Assert.False(File.Exists(CachePath));
    }

    [Fact]
    public async Task DeviceCode_Entra_OnlyReservedScopes_IsScopeRequired()
    {
        var request = Request() with { Common = Request().Common with { Scopes = ProviderRules.UserFlowScopes(OAuthProvider.Entra, []) } };

        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => UserTokenClient.GetAsync(request, new OperationLog(), CancellationToken.None));

        Assert.Equal("ScopeRequired", failure.ErrorId);
        Assert.Empty(entra.Requests);
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0", "https://login.microsoftonline.com/contoso.onmicrosoft.com/")]
    [InlineData("https://login.microsoftonline.com/organizations", "https://login.microsoftonline.com/organizations/")]
    [InlineData("https://127.0.0.1:8443/tenant-id/v2.0/", "https://127.0.0.1:8443/tenant-id/")]
    public void MsalAuthority_IsTheHostAndTenant(string given, string expected) =>
        Assert.Equal(expected, MsalDeviceCode.AuthorityOf(new Uri(given)).AbsoluteUri);

    [Theory]
    [InlineData(OAuthProvider.Entra, TokenFlow.DeviceCode, true)]
    [InlineData(OAuthProvider.Entra, TokenFlow.AuthorizationCode, false)]
    [InlineData(OAuthProvider.Okta, TokenFlow.DeviceCode, false)]
    [InlineData(OAuthProvider.Oidc, TokenFlow.DeviceCode, false)]
    public void UsesMsalForUser_OnlyEntrasDeviceCode(OAuthProvider provider, TokenFlow flow, bool expected) =>
        Assert.Equal(expected, ProviderRules.UsesMsalForUser(provider, flow));

    private UserTokenRequest Request() => new()
    {
        Common = new ClientCredentialsRequest
        {
            Authority = entra.Authority,
            Provider = OAuthProvider.Entra,
            ClientId = ClientId,
            Scopes = ProviderRules.UserFlowScopes(OAuthProvider.Entra, [ApiScope]),
            Trust = TrustRoots.FromPem(TestCertificates.Pem(entra.Certificates.Authority)),
            Timeout = TimeSpan.FromSeconds(20),
            CachePath = CachePath,
        },
        Flow = TokenFlow.DeviceCode,
        OpenBrowser = false,
    };

    /// <summary>Runs the sign-in as the cmdlet does, draining its lines as they come, and acts as the user at the verification page.</summary>
    private async Task<(AccessTokenResult Result, List<string> Lines)> SignInAsync(
        UserTokenRequest request, bool approve, TimeSpan? approveAfter = null, string declineError = "authorization_declined", bool decide = true)
    {
        var log = new OperationLog();
        var lines = new List<string>();
        var task = Task.Run(() => UserTokenClient.GetAsync(request, log, CancellationToken.None));
        var userCode = await WaitForUserCodeAsync(log, task, lines);
        if (decide && userCode is not null)
        {
            if (approveAfter is { } delay) await Task.Delay(delay);
            Assert.Equal(System.Net.HttpStatusCode.OK, await entra.ActAsUserAsync(userCode, approve, declineError));
        }

        while (!task.IsCompleted) Drain(log, lines, TimeSpan.FromMilliseconds(100));
        Drain(log, lines, TimeSpan.Zero);
        return (await task, lines);
    }

    private static async Task<string?> WaitForUserCodeAsync(OperationLog log, Task task, List<string> lines)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Drain(log, lines, TimeSpan.FromMilliseconds(100));
            if (lines.FirstOrDefault(l => l.StartsWith("warning: ", StringComparison.Ordinal)) is { } warning) return UserCode().Match(warning).Groups[1].Value;
            if (task.IsCompleted) return null;
            await Task.Yield();
        }

        throw new TimeoutException("no device code was written");
    }

    private static void Drain(OperationLog log, List<string> lines, TimeSpan wait)
    {
        log.WaitForLine(wait);
        log.Drain(v => lines.Add("verbose: " + v), d => lines.Add("debug: " + d), w => lines.Add("warning: " + w));
    }

    private static List<string> Lines(OperationLog log)
    {
        var lines = new List<string>();
        Drain(log, lines, TimeSpan.Zero);
        return lines;
    }

    [GeneratedRegex("enter the code ([A-Z0-9]+)")]
    private static partial Regex UserCode();

    private JsonObject CachedPartition() =>
        (JsonNode.Parse(File.ReadAllBytes(CachePath))!["partitions"] as JsonObject)!.Select(p => p.Value).OfType<JsonObject>().Single(p => (string?)p["client_id"] == ClientId);

    /// <summary>No device code, access token or refresh token the server issued appears in any line written (the user code must).</summary>
    private void AssertNoTokenIn(List<string> lines)
    {
        var text = string.Join('\n', lines);
        Assert.NotEmpty(entra.Issued);
        foreach (var token in entra.Issued) Assert.DoesNotContain(token, text, StringComparison.Ordinal);
    }
}
