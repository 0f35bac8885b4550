using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// The URL a client calls for a gateway server, built as the gateway's Connect dialog builds it:
/// mcp_endpoint when the server has one, else the gateway origin and root path, the server path, then
/// "/mcp" unless append_mcp_path is false or the path already ends with it ("/sse" for SSE-only servers,
/// as the gateway's generated files do).
/// </summary>
public static class McpServerUrl
{
    /// <summary>
    /// Refuses a plain-http URL to a host other than loopback: the client would send the bearer token
    /// unencrypted. <paramref name="allowUnencrypted"/> is the caller saying so on purpose.
    /// </summary>
    public static ResolvedServer Resolve(ClientServer server, Uri? gatewayUri, bool allowUnencrypted)
    {
        var resolved = Resolve(server, gatewayUri);
        if (resolved.Url.Scheme == Uri.UriSchemeHttp && !resolved.Url.IsLoopback && !allowUnencrypted)
        {
            throw new CommandFailureException("ClientConfigUnencrypted", FailureCategory.SecurityError,
                $"The server '{resolved.Name}' is at {resolved.Url.AbsoluteUri}: its clients would send the token over plain http.", resolved.Url.AbsoluteUri,
                "Use its https URL, or pass -AllowUnencryptedAuthentication when the network path is trusted.");
        }

        return resolved;
    }

    public static ResolvedServer Resolve(ClientServer server, Uri? gatewayUri)
    {
        ArgumentNullException.ThrowIfNull(server);
        var name = server.Name is { Length: > 0 } given ? given : server.Path?.Trim('/').Replace('/', '-');
        if (server.Url is { } explicitUrl)
        {
            if (!explicitUrl.IsAbsoluteUri || explicitUrl.Scheme is not ("http" or "https"))
            {
                throw new CommandFailureException("ClientConfigBadUrl", FailureCategory.InvalidArgument,
                    $"The server URL '{explicitUrl}' is not an absolute http or https URL.", explicitUrl.ToString(), "Pass -Uri https://gateway.example.com/<server>/mcp.");
            }

            name ??= explicitUrl.AbsolutePath.Trim('/').Split('/').FirstOrDefault(s => s.Length > 0 && s != "mcp" && s != "sse") ?? explicitUrl.Host;
            return new ResolvedServer(name, explicitUrl, server.SseOnly);
        }

        if (server.Path is not { Length: > 0 } path)
        {
            throw new CommandFailureException("ClientConfigNoServerUrl", FailureCategory.InvalidArgument,
                $"The server '{name}' has neither a URL nor a path.", name, "Pass -Uri, or pipe server objects with a Url or a Path and give -RegistryUri.");
        }

        if (gatewayUri is null)
        {
            throw new CommandFailureException("ClientConfigNoRegistryUri", FailureCategory.InvalidArgument,
                $"The server '{name}' has only a path ('{path}'): the gateway's address is needed to build its URL.", name, "Pass -RegistryUri https://gateway.example.com.");
        }

        var suffix = server.SseOnly ? "/sse" : "/mcp";
        var trimmed = path.TrimEnd('/');
        var full = gatewayUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + (trimmed.StartsWith('/') ? trimmed : "/" + trimmed);
        if (server.AppendMcpPath && !full.EndsWith(suffix, StringComparison.Ordinal)) full += suffix;
        return new ResolvedServer(name!, new Uri(full), server.SseOnly);
    }
}
