namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>The servers of an estate and their tools, used to expand wildcards and substrings into concrete grants.</summary>
public sealed class ServerCatalog
{
    public ServerCatalog(IReadOnlyDictionary<string, IReadOnlyList<string>> toolsByServer, IReadOnlyList<Finding> findings)
    {
        ToolsByServer = toolsByServer;
        Findings = findings;
    }

    /// <summary>Server name (as written, slashes kept) to its tools, in catalog order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToolsByServer { get; }

    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The catalog's tools for a server, compared as FGAC compares servers (slashes stripped, case-sensitive).</summary>
    public IReadOnlyList<string> ToolsOf(string server)
    {
        var wanted = server.Trim('/');
        foreach (var (name, tools) in ToolsByServer)
        {
            if (name.Trim('/') == wanted)
            {
                return tools;
            }
        }

        return Array.Empty<string>();
    }
}
