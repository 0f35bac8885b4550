namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>
/// Where the gateway's tools look: the process environment, the working folder (<c>.oauth-tokens/</c> is
/// relative to it, as the scripts write it) and the home folder (<c>~/.mcp/</c>).
/// </summary>
public sealed record GatewayTokenEnvironment
{
    public required Func<string, string?> Variable { get; init; }

    public required string CurrentDirectory { get; init; }

    public required string HomeDirectory { get; init; }

    public string IngressFile => Path.Combine(CurrentDirectory, ".oauth-tokens", "ingress.json");

    public string HomeIngressToken => Path.Combine(HomeDirectory, ".mcp", "ingress_token");

    public static GatewayTokenEnvironment Of(string currentDirectory) => new()
    {
        Variable = Environment.GetEnvironmentVariable,
        CurrentDirectory = currentDirectory,
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
    };
}
