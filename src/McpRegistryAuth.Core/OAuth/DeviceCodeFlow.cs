namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The device authorization grant (RFC 8628) over the module's HttpClient: ask for a device code, show the
/// user the verification URL and user code (a warning line the caller writes on its own thread), then poll
/// the token endpoint every <c>interval</c> seconds (5 when the IdP gives none), 5 s slower after each
/// <c>slow_down</c>, until the user approves or declines, the code's <c>expires_in</c> passes, or the caller
/// cancels. The device code itself is never written anywhere.
/// </summary>
public static class DeviceCodeFlow
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>RFC 8628 3.5: the interval when the IdP names none, and the step added at each slow_down.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    public static async Task<UserTokenResponse> RunAsync(HttpClient http, AuthorizationServerEndpoints endpoints, UserTokenRequest request, OperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var common = request.Common;
        var deviceEndpoint = endpoints.DeviceAuthorizationEndpoint ?? throw UserFlowFailures.DeviceFlowNotOffered(common.Authority!, common.Provider);
        var asked = new List<KeyValuePair<string, string>>();
        if (common.Scopes.Count > 0) asked.Add(new("scope", string.Join(' ', common.Scopes)));
        if (common.Audience is { } audience && ProviderRules.AudienceParameter(common.Provider) is { } parameter) asked.Add(new(parameter, audience));
        log.Verbose($"Device authorization for '{common.ClientId}' at {deviceEndpoint} (scope '{string.Join(' ', common.Scopes)}').");
        var start = DateTimeOffset.UtcNow;
        var answer = await UserGrantClient.PostAsync(http, deviceEndpoint, asked, common, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            if (answer.Error is "unauthorized_client" or "unsupported_grant_type") throw UserFlowFailures.GrantNotAllowed(common.ClientId, "device-code", answer.Said);
            throw TokenFailures.FromOAuthError(answer.Error, answer.Description, answer.Status, deviceEndpoint, common);
        }

        var deviceCode = answer.Text("device_code");
        var userCode = answer.Text("user_code");
        // Some IdPs (Google) still name it verification_url, as drafts of RFC 8628 did.
        var verification = answer.Text("verification_uri") ?? answer.Text("verification_url");
        if (deviceCode is null || userCode is null || verification is null)
        {
            throw TokenFailures.FromOAuthError(null, "the device authorization answer lacks device_code, user_code or verification_uri", answer.Status, deviceEndpoint, common);
        }

        var expiresAt = start + TimeSpan.FromSeconds(answer.Number("expires_in") ?? 600);
        var interval = answer.Number("interval") is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : DefaultInterval;
        var complete = answer.Text("verification_uri_complete");
        log.Warning($"To sign in, open {verification} and enter the code {userCode}" + (complete is null ? "" : $" (or open {complete})") + $". The code expires at {expiresAt:HH:mm:ss} UTC.");
        // -SignInTimeoutSec, when given, may end the wait before the code expires.
        var giveUpAt = request.SignInTimeout is { } limit && start + limit < expiresAt ? start + limit : expiresAt;
        log.Verbose($"Polling {endpoints.TokenEndpoint} every {interval.TotalSeconds:0} s until {giveUpAt:u}" + (giveUpAt < expiresAt ? " (-SignInTimeoutSec)." : "."));

        var poll = new[] { new KeyValuePair<string, string>("grant_type", GrantType), new("device_code", deviceCode) };
        while (true)
        {
            var wait = interval;
            var left = giveUpAt - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero) throw GaveUp(request, expiresAt, giveUpAt);
            await Task.Delay(wait < left ? wait : left, cancellationToken).ConfigureAwait(false);
            if (DateTimeOffset.UtcNow >= giveUpAt) throw GaveUp(request, expiresAt, giveUpAt);
            var polled = await UserGrantClient.PostAsync(http, endpoints.TokenEndpoint, poll, common, cancellationToken).ConfigureAwait(false);
            switch (polled.Error)
            {
                case null:
                    log.Verbose("The user approved the device code.");
                    return UserGrantClient.ReadTokens(polled, endpoints.TokenEndpoint, common);
                case "authorization_pending":
                    log.Debug("authorization_pending: the user has not approved yet.");
                    continue;
                case "slow_down":
                    interval += DefaultInterval;
                    log.Verbose($"The IdP asked to poll less often (slow_down): every {interval.TotalSeconds:0} s from now on.");
                    continue;
                case "access_denied" or "authorization_declined": // the RFC's word, and Entra's
                    throw UserFlowFailures.SignInDeclined(common.ClientId, polled.Said);
                case "expired_token":
                // An IdP that forgets an expired code answers invalid_grant for it.
                case "invalid_grant" when DateTimeOffset.UtcNow >= expiresAt - TimeSpan.FromSeconds(2):
                    throw UserFlowFailures.DeviceCodeExpired(common.ClientId, expiresAt);
                case "unauthorized_client" or "unsupported_grant_type":
                    throw UserFlowFailures.GrantNotAllowed(common.ClientId, "device-code", polled.Said);
                default:
                    throw TokenFailures.FromOAuthError(polled.Error, polled.Description, polled.Status, endpoints.TokenEndpoint, common);
            }
        }
    }

    private static Reporting.CommandFailureException GaveUp(UserTokenRequest request, DateTimeOffset expiresAt, DateTimeOffset giveUpAt) =>
        giveUpAt < expiresAt
            ? UserFlowFailures.SignInTimeout(request.Common.ClientId, request.SignInTimeout!.Value, TokenFlow.DeviceCode)
            : UserFlowFailures.DeviceCodeExpired(request.Common.ClientId, expiresAt);
}
