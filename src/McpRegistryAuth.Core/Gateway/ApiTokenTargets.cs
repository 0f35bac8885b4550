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

    /// <summary>Plans every edit before any file is written, so a refused target leaves every file as it was.</summary>
    /// <exception cref="FileEditException">A target refuses the edit (exists without force, not writable, malformed).</exception>
    public IReadOnlyList<FileEdit> Plan(Secret token, bool force)
    {
        var edits = new List<FileEdit>();
        if (EnvFile is not null)
        {
            edits.Add(WithStartupWarning(ApiKeyName is null
                ? StaticTokenFileWriters.PlanEnvFile(EnvFile, token, force)
                : ApiKeyEnvFileWriter.Plan(EnvFile, ApiKeyName, Groups, token, force)));
        }

        if (TfVarsFile is not null)
        {
            edits.Add(TfVarsFileWriter.Plan(TfVarsFile, token, force));
        }

        if (ToolRegistryTokensFile is not null)
        {
            edits.Add(TokensFileWriter.PlanAppend(ToolRegistryTokensFile, token, force));
        }

        if (TokenFile is not null)
        {
            edits.Add(StaticTokenFileWriters.PlanTokenFile(TokenFile, token, force));
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
