using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.ToolRegistry;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Where a newly minted API token goes (New-RegistryApiToken): the gateway's .env (as REGISTRY_API_TOKEN,
/// or as a named entry of REGISTRY_API_KEYS), its Terraform variables, a toolregistry-server tokens file,
/// and the gateway CLI's token file. Paths are file system paths.
/// </summary>
public sealed record ApiTokenTargets
{
    public string? EnvFile { get; init; }

    /// <summary>With <see cref="EnvFile"/>: add the token as this named key of REGISTRY_API_KEYS instead.</summary>
    public string? ApiKeyName { get; init; }

    /// <summary>The groups of the named key.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    public string? TfVarsFile { get; init; }

    public string? ToolRegistryTokensFile { get; init; }

    public string? TokenFile { get; init; }

    /// <summary>Every target given, for <see cref="FileEditSession.Begin"/>.</summary>
    public IReadOnlyList<string> Paths => new[] { EnvFile, TfVarsFile, ToolRegistryTokensFile, TokenFile }.OfType<string>().ToList();

    /// <summary>Plans every edit before any file is written, so a refused target leaves every file as it was.</summary>
    /// <param name="token">The new token.</param>
    /// <param name="force">Replace what is there (a value, a token file).</param>
    /// <param name="pathOf">The path to edit for a target (<see cref="FileEditSession.PathOf"/>: a symbolic link's target); the target itself when null.</param>
    /// <exception cref="FileEditException">A target refuses the edit (exists without force, not writable, malformed).</exception>
    public IReadOnlyList<FileEdit> Plan(Secret token, bool force, Func<string, string>? pathOf = null)
    {
        pathOf ??= static path => path;
        var edits = new List<FileEdit>();
        if (EnvFile is not null)
        {
            edits.Add(WithStartupWarning(ApiKeyName is null
                ? StaticTokenFileWriters.PlanEnvFile(pathOf(EnvFile), token, force)
                : ApiKeyEnvFileWriter.Plan(pathOf(EnvFile), ApiKeyName, Groups, token, force)));
        }

        if (TfVarsFile is not null)
        {
            edits.Add(TfVarsFileWriter.Plan(pathOf(TfVarsFile), token, force));
        }

        if (ToolRegistryTokensFile is not null)
        {
            edits.Add(TokensFileWriter.PlanAppend(pathOf(ToolRegistryTokensFile), token, force));
        }

        if (TokenFile is not null)
        {
            edits.Add(StaticTokenFileWriters.PlanTokenFile(pathOf(TokenFile), token, force));
        }

        return edits;
    }

    // The .env is the auth server's whole environment: a file the new token goes into may still not start it.
    private static FileEdit WithStartupWarning(FileEdit edit)
    {
        var config = StaticTokenConfig.FromSettings(Settings.ServerSettings.From(DotEnvFile.Parse(edit.NewText, edit.Path)));
        return config.StartupRefused
            ? edit with { Warnings = [.. edit.Warnings, $"The gateway's auth server (release 1.30) does not start with '{edit.Path}' as written: {config.StartupRefusal}"] }
            : edit;
    }
}
