using System.Management.Automation;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Commands;

/// <summary>-ScopesPath handling shared by the scope cmdlets and Test-RegistryToken: load, report findings, stop when nothing could be read.</summary>
internal static class ScopesPathLoading
{
    /// <summary>A load that must stop the cmdlet: the exception, its stable ErrorId and category, and the fix.</summary>
    public sealed record Failure(Exception Exception, string ErrorId, ErrorCategory Category, string Path, string? Fix);

    /// <summary>Loads the definitions from a resolved path, writing each finding (Info to Verbose, others as warnings).</summary>
    public static ScopeDefinitions? Load(string path, Action<string> writeVerbose, Action<string> writeWarning, out Failure? failure)
    {
        failure = null;
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            failure = new Failure(new FileNotFoundException($"-ScopesPath '{path}' does not exist. Give scopes.yml, an mcp_scopes export (.json or .jsonl) or a folder of exported documents."), "ScopesPathNotFound", ErrorCategory.ObjectNotFound, path, null);
            return null;
        }

        var definitions = ScopeDefinitionsLoader.Load(path);
        foreach (var finding in definitions.Findings)
        {
            if (finding.Severity == FindingSeverity.Info)
            {
                writeVerbose(finding.ToString());
            }
            else
            {
                writeWarning(finding.ToString());
            }
        }

        if (definitions.NothingReadBecause is { } first)
        {
            failure = new Failure(new InvalidDataException($"No scope could be read from '{path}': {first}"), "ScopesNotLoaded", ErrorCategory.InvalidData, path, first.Fix);
            return null;
        }

        writeVerbose($"Scopes: {definitions.Scopes.Count} scope(s), {definitions.GroupMappingList.Count} group mapping(s) from {path} ({definitions.SourceKind}).");
        return definitions;
    }

    /// <summary>Names from a parameter; one CSV cell may hold several, separated by ';'.</summary>
    public static IReadOnlyList<string> Names(string[]? values) => GroupAndScopeNames.Split(values);
}
