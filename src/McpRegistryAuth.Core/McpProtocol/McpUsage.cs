using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>The Usage failures: what stops an MCP connection before anything is sent.</summary>
public static class McpUsage
{
    public static McpFailure? Check(McpConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uri = options.Uri;
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return new McpFailure(McpFailureClass.Usage, McpStepNames.Dns, $"'{uri}' is not an http or https URL; MCP over HTTP needs one (stdio servers are started by the client, not reached by URL).",
                "Give the server's MCP URL, such as https://gateway.example.com/currenttime/mcp.", FailureCategory.InvalidArgument);
        }

        if (options.Token is not null && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !options.AllowUnencryptedAuthentication)
        {
            return new McpFailure(McpFailureClass.Usage, McpStepNames.Dns, $"The token would go over plain http to {uri.Host}, which is not this machine; it was not sent.",
                "Use https, or give -AllowUnencryptedAuthentication if this network is trusted.", FailureCategory.InvalidArgument);
        }

        return null;
    }
}
