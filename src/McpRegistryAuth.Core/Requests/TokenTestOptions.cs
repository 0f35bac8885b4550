namespace McpRegistryAuth.Core.Requests;

/// <summary>
/// What Test-RegistryToken was told about the server: its family and the settings files it was started
/// with. Paths are as the user gave them; <see cref="ResolvePath"/> turns one into a file system path
/// (PowerShell resolves against its current location, not the process's).
/// </summary>
public sealed record TokenTestOptions
{
    /// <summary>The family's name as given (Gateway, ToolHive, ToolRegistry; any case); null to infer it from the settings.</summary>
    public string? RegistryType { get; init; }

    /// <summary>Which gateway release to reproduce, by name (Latest, V124, V130, V132; any case; Latest is V132).</summary>
    public string GatewayRelease { get; init; } = nameof(Gateway.GatewayRelease.Latest);

    /// <summary>A docker compose .env file with the server's settings.</summary>
    public string? EnvFile { get; init; }

    /// <summary>Settings given as name = value; they win over the .env file and the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The process's environment variables, when the user asked for them to be read too.</summary>
    public IReadOnlyDictionary<string, string>? ProcessEnvironment { get; init; }

    /// <summary>Gateway scope definitions (scopes.yml, an mcp_scopes export or a folder of them).</summary>
    public string? ScopesPath { get; init; }

    /// <summary>toolregistry-server: the file given to <c>toolregistry-server openapi --tokens</c>.</summary>
    public string? TokensFile { get; init; }

    /// <summary>toolregistry-server: its FastAPI version, which decides the answer to a missing header.</summary>
    public Version? FastApiVersion { get; init; }

    /// <summary>ToolHive: the configuration file the registry server was started with.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The IdP's JWKS, as a file path or the JSON text, used instead of fetching it.</summary>
    public string? Jwks { get; init; }

    /// <summary>Gateway 1.32: the auth server's ES256 key file (INTERNAL_SIGNING_KEY_PATH), for self-signed tokens with a kid.</summary>
    public string? SigningKeyPath { get; init; }

    /// <summary>Gateway 1.32: the auth server's /.well-known/internal-jwks.json, as a file path, the JSON text or its URL.</summary>
    public string? InternalJwks { get; init; }

    /// <summary>The IdP's discovery document, as a file path or the JSON text, used instead of fetching it.</summary>
    public string? DiscoveryDocument { get; init; }

    /// <summary>Fetch JWKS and discovery documents again instead of reusing this process's copies.</summary>
    public bool NoCache { get; init; }

    /// <summary>ToolHive: let an introspection call send the token over plain http to a host that is not loopback.</summary>
    public bool AllowUnencryptedAuthentication { get; init; }

    /// <summary>Only a yes/no answer is wanted, which needs a server to answer.</summary>
    public bool Quiet { get; init; }

    public Func<string, string> ResolvePath { get; init; } = Path.GetFullPath;

    internal bool HasEnvironmentSettings => EnvFile is not null || Environment is not null || ProcessEnvironment is not null;
}
