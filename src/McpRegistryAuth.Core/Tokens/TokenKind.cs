namespace McpRegistryAuth.Core.Tokens;

/// <summary>What a token is by its shape, before any server rule.</summary>
public enum TokenKind
{
    /// <summary>Three segments that decode to a JSON header and claim set.</summary>
    Jwt,

    /// <summary>Not a well-formed JWT: ToolHive treats it as opaque and introspects it; the gateway rejects it (401).</summary>
    Opaque,

    /// <summary>Empty or whitespace only.</summary>
    Empty,
}
