namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>The stages of an MCP connection test, in order; each result step carries one of these names.</summary>
public static class McpStepNames
{
    /// <summary>The host name resolved to addresses.</summary>
    public const string Dns = "DNS";

    /// <summary>A TCP connection to the first address and the port.</summary>
    public const string Tcp = "TCP";

    /// <summary>The TLS handshake and certificate (https only).</summary>
    public const string Tls = "TLS";

    /// <summary>The first HTTP answer from the MCP endpoint.</summary>
    public const string Http = "HTTP";

    /// <summary>The token accepted (no 401 or 403).</summary>
    public const string Auth = "Auth";

    /// <summary>initialize, the protocol version agreed, and notifications/initialized.</summary>
    public const string Initialize = "Initialize";

    /// <summary>ping, tools/list (every page), resources/list and prompts/list.</summary>
    public const string List = "List";

    /// <summary>tools/call for each tool named by -CallTools.</summary>
    public const string Call = "Call";
}
