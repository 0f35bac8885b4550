namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>Stable names of the checks of a toolregistry-server verdict.</summary>
public static class ToolRegistryCheckNames
{
    /// <summary>The tokens file exists and reads as UTF-8 (otherwise the server exits at startup).</summary>
    public const string TokensFileLoaded = "ToolRegistry.TokensFile.Loaded";

    /// <summary>No If-None-Match on an ETag path: a matching ETag gets 304 before the token is checked.</summary>
    public const string ETagBeforeAuth = "ToolRegistry.ETag.BeforeAuth";

    /// <summary>The path is protected (/openapi.json, /docs and /redoc never are).</summary>
    public const string PathProtected = "ToolRegistry.Path.Protected";

    /// <summary>The file has at least one active token (otherwise every request is allowed).</summary>
    public const string AuthEnabled = "ToolRegistry.Auth.Enabled";

    /// <summary>The request carries Authorization: Bearer with a credential.</summary>
    public const string HttpBearerHeader = "ToolRegistry.HttpBearer.Header";

    /// <summary>The FastAPI version range whose answer the verdict gives for a missing or non-bearer header.</summary>
    public const string FastApiRange = "ToolRegistry.FastApi.Range";

    /// <summary>The token equals one of the file's tokens, exactly.</summary>
    public const string TokenMatch = "ToolRegistry.Token.Match";
}
