namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>How a listing route pages, as each server implements it.</summary>
public enum PagingStyle
{
    /// <summary>One response holds everything.</summary>
    None,

    /// <summary><c>limit</c> and <c>offset</c>; the response has <c>total_count</c> and <c>has_next</c> (gateway /api/servers, /api/agents, /api/skills, /api/virtual-servers).</summary>
    LimitOffset,

    /// <summary><c>limit</c> and <c>skip</c> (gateway /api/iam/m2m-clients).</summary>
    LimitSkip,

    /// <summary><c>cursor</c> and <c>limit</c>; the response has <c>metadata.nextCursor</c> (gateway /v0.1/servers, ToolHive /registry/{name}/v0.1/servers).</summary>
    Cursor,
}
