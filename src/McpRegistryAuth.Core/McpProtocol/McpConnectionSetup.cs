using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>
/// Builds the connection options from what a cmdlet was given: the URL (a Usage failure when it is not one),
/// the token (given, or acquired through a profile), the header the token rule names for the URL, the
/// transport, the time-out and the profile's trust roots.
/// </summary>
public static class McpConnectionSetup
{
    public static async Task<McpConnectionOptions> CreateAsync(string uriText, Secret? token, McpProfile? profile, string? transport, TimeSpan timeout,
        bool allowUnencryptedAuthentication, string? protocolVersion, Func<string, string> resolvePath, OperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolvePath);
        ArgumentNullException.ThrowIfNull(log);
        if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri))
        {
            throw new CommandFailureException("McpUsage", FailureCategory.InvalidArgument, $"-Uri '{uriText}' is not an absolute URL.", uriText,
                "Give the server's MCP URL, such as https://gateway.example.com/currenttime/mcp.");
        }

        if (token is null && profile is { ClientId: not null } && (profile.Authority ?? profile.TokenEndpoint) is not null)
        {
            var (request, _) = TokenRequestBuilder.Build(new TokenParameters { Timeout = timeout }, profile, resolvePath);
            var acquired = await AccessTokenClient.GetAsync(request, log, cancellationToken).ConfigureAwait(false);
            log.Verbose($"token {acquired.Token.Fingerprint} from profile '{profile.Name}'");
            token = acquired.Token;
        }

        var kind = transport is null ? McpTransportKind.StreamableHttp : Enum.Parse<McpTransportKind>(transport, ignoreCase: true);
        // SSE servers speak 2024-11-05: without a version asked for, the SDK's initialize picks it.
        var version = protocolVersion switch
        {
            null => kind == McpTransportKind.Sse ? null : McpConnectionOptions.DefaultProtocolVersion,
            McpConnectionOptions.Latest => null,
            _ => protocolVersion,
        };
        var registryType = profile?.RegistryType ?? RegistryType.Gateway;
        var header = TokenHeaderRule.HeaderFor(registryType, uri);
        if (token is not null) log.Verbose($"token {token.Fingerprint} in {header} ({registryType} rule for {uri.AbsolutePath})");
        return new McpConnectionOptions
        {
            Uri = uri, Token = token, HeaderName = header, Timeout = timeout, AllowUnencryptedAuthentication = allowUnencryptedAuthentication,
            Transport = kind, ProtocolVersion = version,
            Trust = Http.TrustRoots.FromOptionalPemFile(profile?.CaCertPath is { } ca ? resolvePath(ca) : null),
        };
    }
}
