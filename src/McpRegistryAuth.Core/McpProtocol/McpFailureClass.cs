namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>
/// Why an MCP connection failed, in the classes the MCP Inspector CLI's exit codes name, so scripts can branch
/// on them: 1 usage, 3 auth, 4 unreachable, 5 tool error, plus Protocol for a server that answers but does not
/// speak MCP correctly.
/// </summary>
public enum McpFailureClass
{
    /// <summary>The command line cannot work (a URL that is not http(s), a token over plain http to another host).</summary>
    Usage,

    /// <summary>401 or 403 from the server or the gateway in front of it.</summary>
    Auth,

    /// <summary>The name does not resolve, nothing listens, TLS fails, or nothing answers in time.</summary>
    Unreachable,

    /// <summary>Reachable, but not MCP as the client speaks it: 406, a wrong content type, a dropped session, bad JSON-RPC.</summary>
    Protocol,

    /// <summary>A tool call that the server answered with an error.</summary>
    ToolError,
}
