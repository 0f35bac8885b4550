namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// What <c>/validate</c> derives from a request for FGAC (server.py:2993-3033, 3512-3705): the server
/// from the URL path, the JSON-RPC method (which the gateway calls tool_name and sends as X-Tool-Name),
/// and the tool. ServerName null means no FGAC at /validate (registry API paths, agent paths).
/// When RejectStatus is set, /validate answers with it before FGAC.
/// </summary>
public sealed record ValidateRequestTarget
{
    /// <summary>The path FGAC saw: <c>urlparse(url).path</c> stripped of '/' and of REGISTRY_ROOT_PATH.</summary>
    public required string Path { get; init; }

    public string? ServerName { get; init; }

    /// <summary>The transport segment (<c>mcp</c>, <c>sse</c>, <c>messages</c>) when the path ends with one.</summary>
    public string? Endpoint { get; init; }

    /// <summary><c>tool_name or endpoint or "initialize"</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The method as JSON when it is not a string (Method is then its Python <c>str()</c>); null for a string.</summary>
    public System.Text.Json.JsonElement? MethodValue { get; init; }

    /// <summary><c>params.name</c> of a tools/call request (a non-string as its Python <c>str()</c>).</summary>
    public string? ToolName { get; init; }

    /// <summary>The tool name as JSON when it is not a string; null for a string.</summary>
    public System.Text.Json.JsonElement? ToolValue { get; init; }

    /// <summary>The body parsed as a JSON object (false for batches, scalars, no body).</summary>
    public bool BodyIsObject { get; init; }

    /// <summary>True for <c>/agent/...</c> (A2A): the agent check replaces FGAC; not evaluated here.</summary>
    public bool IsAgentPath { get; init; }

    /// <summary>400 (body not JSON) or 413 (body uninspectable) when /validate refuses before FGAC.</summary>
    public int? RejectStatus { get; init; }

    public string? RejectDetail { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = Array.Empty<Check>();

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}
