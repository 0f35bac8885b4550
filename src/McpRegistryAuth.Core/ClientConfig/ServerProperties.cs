using System.Collections;
using System.Globalization;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// Reads a server from a piped object's properties (names compared case-insensitively): Name or
/// server_name; Url, Uri or mcp_endpoint; Path or path; AppendMcpPath or append_mcp_path; and
/// supported_transports / SupportedTransports (a server listing only "sse" is SSE-only). These are the
/// gateway's connect-config and server-list field names and the names Get-RegistryServer objects carry.
/// </summary>
public static class ServerProperties
{
    public static readonly string[] NameProperties = ["Name", "server_name", "ServerName"];

    public static readonly string[] UrlProperties = ["Url", "Uri", "mcp_endpoint", "McpEndpoint"];

    public static readonly string[] PathProperties = ["Path", "ServerPath"];

    public static readonly string[] AppendProperties = ["AppendMcpPath", "append_mcp_path"];

    public static readonly string[] TransportProperties = ["SupportedTransports", "supported_transports"];

    public static ClientServer Read(IReadOnlyDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var lookup = new Dictionary<string, object?>(properties, StringComparer.OrdinalIgnoreCase);
        var url = Text(lookup, UrlProperties);
        Uri? parsed = null;
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out parsed))
        {
            throw new CommandFailureException("ClientConfigBadUrl", FailureCategory.InvalidData, $"The piped server's URL '{url}' is not an absolute URL.", url, "Give an absolute https URL.");
        }

        var transports = First(lookup, TransportProperties) switch
        {
            string one => [one],
            IEnumerable many => many.Cast<object?>().Select(t => Convert.ToString(t, CultureInfo.InvariantCulture) ?? "").ToList(),
            _ => new List<string>(),
        };
        return new ClientServer
        {
            Name = Text(lookup, NameProperties),
            Url = parsed,
            Path = Text(lookup, PathProperties),
            AppendMcpPath = First(lookup, AppendProperties) is not { } append || append is true || (append is string s && !s.Equals("false", StringComparison.OrdinalIgnoreCase)),
            SseOnly = transports.Count > 0 && transports.All(t => t.Equals("sse", StringComparison.OrdinalIgnoreCase)),
        };
    }

    private static object? First(Dictionary<string, object?> lookup, string[] names) =>
        names.Select(n => lookup.TryGetValue(n, out var v) ? v : null).FirstOrDefault(v => v is not null);

    private static string? Text(Dictionary<string, object?> lookup, string[] names) =>
        First(lookup, names) is { } value && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null;
}
