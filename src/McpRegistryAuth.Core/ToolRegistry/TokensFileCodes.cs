namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>Stable Finding codes for a toolregistry-server tokens file.</summary>
public static class TokensFileCodes
{
    /// <summary>The file does not exist: the server logs an error and exits with status 1.</summary>
    public const string FileNotFound = "TRS001";

    /// <summary>The file cannot be read as UTF-8: the server logs an error and exits with status 1.</summary>
    public const string Unreadable = "TRS002";

    /// <summary>No active token: the server installs no auth dependency and every request is allowed.</summary>
    public const string NoTokensAuthDisabled = "TRS003";

    /// <summary>A UTF-8 BOM stays in the first line, so the first token can never match.</summary>
    public const string ByteOrderMark = "TRS004";

    /// <summary>A '#' inside a token line is part of the token: there are no inline comments.</summary>
    public const string InlineCommentIsPartOfToken = "TRS005";

    /// <summary>The same token on two lines; the server keeps one.</summary>
    public const string DuplicateToken = "TRS006";

    /// <summary>The file is readable by group or others (Unix mode), yet it holds bearer tokens.</summary>
    public const string ReadableByOthers = "TRS007";
}
