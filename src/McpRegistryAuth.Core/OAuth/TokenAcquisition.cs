using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// What Get-McpAccessToken does with its parameters and profile: builds the request, picks the flow
/// (client credentials, device code or browser), gets the token, and names the header it is sent in.
/// </summary>
public static class TokenAcquisition
{
    public static async Task<(AccessTokenResult Result, string HeaderName)> GetAsync(
        TokenParameters given, McpProfile? profile, Func<string, string> resolvePath, OperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(log);
        var flow = FlowOf(given, profile);
        var (request, headerName) = TokenRequestBuilder.Build(given, profile, resolvePath);
        // A key the builder read from a file is this call's to dispose; one the caller passed is not.
        using var ownKey = request.SigningKey == given.SigningKey ? null : request.SigningKey;
        if (flow == TokenFlow.ClientCredentials)
        {
            if (given.RedirectPort is not null || given.NoBrowser || given.SignInTimeout is not null) log.Verbose("-RedirectPort, -NoBrowser and -SignInTimeoutSec apply to a user sign-in (-Flow DeviceCode or AuthorizationCode) only; they are ignored for client credentials.");
            return (await AccessTokenClient.GetAsync(request, log, cancellationToken).ConfigureAwait(false), headerName);
        }

        var user = new UserTokenRequest
        {
            Common = request with { Scopes = ProviderRules.UserFlowScopes(request.Provider, request.Scopes) },
            Flow = flow,
            RedirectPort = given.RedirectPort ?? profile?.RedirectPort ?? 0,
            OpenBrowser = !given.NoBrowser,
            SignInTimeout = given.SignInTimeout,
        };
        return (await UserTokenClient.GetAsync(user, log, cancellationToken).ConfigureAwait(false), headerName);
    }

    public static TokenFlow FlowOf(TokenParameters given, McpProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(given);
        if (given.Flow is null) return profile?.Flow ?? TokenFlow.ClientCredentials;
        return Enum.TryParse<TokenFlow>(given.Flow, ignoreCase: true, out var flow) ? flow
            : throw new CommandFailureException("InvalidSetting", FailureCategory.InvalidArgument, $"'{given.Flow}' is not one of {string.Join(", ", Enum.GetNames<TokenFlow>())}.", given.Flow, null);
    }
}
