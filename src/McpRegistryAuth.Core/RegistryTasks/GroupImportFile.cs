using System.Text.Json;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>
/// An import-group file of the gateway's registry_management.py (one mcp_scopes document: scope_name,
/// server_access, group_mappings, ui_permissions), read and checked by the same loader Test-ScopeAccess
/// uses, so a file that would grant nothing is caught before it is sent. An array holds several groups.
/// </summary>
public static class GroupImportFile
{
    /// <exception cref="CommandFailureException">GroupFileUnreadable, GroupFileInvalid, GroupFileNoScopeName.</exception>
    public static (IReadOnlyList<(string ScopeName, string Json)> Groups, IReadOnlyList<Finding> Findings) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var findings = new List<Finding>();
        var bytes = McpScopesLoader.ReadBytes(path, findings);
        if (bytes is null)
        {
            throw Refuse("GroupFileUnreadable", FailureCategory.ObjectNotFound, findings, path, "Check -Path.");
        }

        McpScopesLoader.FromBytes(bytes, path, findings);
        if (findings.Any(f => f.Severity == FindingSeverity.Error))
        {
            throw Refuse("GroupFileInvalid", FailureCategory.InvalidData, findings, path, "Fix the file (Test-ScopeAccess -ScopesPath shows what it grants), then import it.");
        }

        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        var groups = new List<(string, string)>();
        foreach (var item in items)
        {
            var name = JsonFields.Text(item, "scope_name", "_id", "name")
                ?? throw new CommandFailureException("GroupFileNoScopeName", FailureCategory.InvalidData,
                    $"{path}: a group document has no scope_name, so the gateway cannot name the group it imports.", path,
                    "Add \"scope_name\": \"<group>\" to the document (as in the gateway's cli/examples files).");
            groups.Add((name, item.GetRawText()));
        }

        return (groups, findings);
    }

    private static CommandFailureException Refuse(string id, FailureCategory category, List<Finding> findings, string path, string fix)
    {
        var first = findings.First(f => f.Severity == FindingSeverity.Error);
        return new CommandFailureException(id, category, $"{path}{(first.Line is { } line ? $":{line}" : "")}: {first.Message}", path, first.Fix ?? fix);
    }
}
