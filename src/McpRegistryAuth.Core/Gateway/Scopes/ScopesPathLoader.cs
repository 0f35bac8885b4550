using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// -ScopesPath for every command that takes it: load the definitions, report each finding, and stop
/// when the path is missing or not one scope could be read from it.
/// </summary>
public static class ScopesPathLoader
{
    /// <param name="path">A file system path (already resolved by the caller).</param>
    /// <param name="report">Where each finding and the summary line go.</param>
    /// <exception cref="CommandFailureException">ScopesPathNotFound or ScopesNotLoaded.</exception>
    public static ScopeDefinitions Load(string path, IReportWriter report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new CommandFailureException(
                "ScopesPathNotFound",
                FailureCategory.ObjectNotFound,
                $"-ScopesPath '{path}' does not exist. Give scopes.yml, an mcp_scopes export (.json or .jsonl) or a folder of exported documents.",
                path);
        }

        var definitions = ScopeDefinitionsLoader.Load(path);
        foreach (var finding in definitions.Findings)
        {
            report.Finding(finding);
        }

        if (definitions.NothingReadBecause is { } first)
        {
            throw new CommandFailureException("ScopesNotLoaded", FailureCategory.InvalidData, $"No scope could be read from '{path}': {first}", path, first.Fix);
        }

        report.Verbose($"Scopes: {definitions.Scopes.Count} scope(s), {definitions.Groups.Count} group mapping(s) from {path} ({definitions.SourceKind}).");
        return definitions;
    }
}
