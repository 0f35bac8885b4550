using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Tests.Reporting;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>
/// The scope files operators have besides a mongoexport: the registry UI's Data Export, import-group
/// files, a folder of seed documents, and files whose name does not say their format.
/// </summary>
public class ScopeSourceFormsTests
{
    private const string Rule = "\"server_access\": [{\"server\": \"currenttime\", \"methods\": [\"initialize\"], \"tools\": []}]";

    [Fact]
    public void ExportEndpointAnswer_ScopesUnderScopesWithScopeName()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("scopes-export.json", $$"""{"scopes": [{"group_mappings": ["g"], {{Rule}}, "scope_name": "a"}], "total_count": 1}""");
        var definitions = ScopeDefinitionsLoader.Load(path);
        Assert.Equal(["a"], definitions.Scopes.Select(s => s.Name));
        Assert.Equal(["a"], definitions.MapGroupsToScopes(["g"]));
        Assert.Empty(definitions.Findings);
    }

    [Fact]
    public void UiDataExport_ArrayOfDocumentsWithScopeName()
    {
        var definitions = McpScopesLoader.FromJson($$"""[{"group_mappings": ["g"], {{Rule}}, "scope_name": "a"}, {"group_mappings": ["g"], "scope_name": "b"}]""");
        Assert.Equal(["a", "b"], definitions.MapGroupsToScopes(["g"]));
        Assert.Empty(definitions.Findings);
    }

    [Fact]
    public void ImportGroupFile_ItsRequestKeysAreNotUnknownKeys()
    {
        var definitions = McpScopesLoader.FromJson($$"""{"scope_name": "currenttime-users", "scope_type": "server_scope", "description": "d", {{Rule}}, "group_mappings": ["currenttime-users"], "custom_scopes": ["x/access"], "create_in_idp": true}""");
        Assert.Equal("currenttime-users", Assert.Single(definitions.Scopes).Name);
        Assert.Empty(definitions.Findings);
    }

    [Fact]
    public void IdWinsOverScopeName_AndADocumentWithNeitherIsMissingId()
    {
        var definitions = McpScopesLoader.FromJson("""[{"_id": "by-id", "scope_name": "ignored"}, {"description": "no name"}]""");
        Assert.Equal("by-id", Assert.Single(definitions.Scopes).Name);
        var missing = Assert.Single(definitions.Findings, f => f.Code == ScopeFindingCodes.MissingId);
        Assert.Contains("scope_name", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_SeedFilesInTheSeedingOrder_ThenOthersInOrdinalOrder()
    {
        using var temp = new TempDirectory();
        foreach (var name in new[] { "federation-service", "zz-extra", "mcp-servers-unrestricted-execute", "Aa-extra", "registry-admins", "mcp-servers-unrestricted-read", "mcp-registry-admin" })
        {
            temp.Write(name + ".json", $$"""{"_id": "{{name}}", "group_mappings": ["g"]}""");
        }

        var definitions = ScopeDefinitionsLoader.Load(temp.Path);
        Assert.Equal(
            ["registry-admins", "mcp-registry-admin", "mcp-servers-unrestricted-read", "mcp-servers-unrestricted-execute", "federation-service", "Aa-extra", "zz-extra"],
            definitions.Scopes.Select(s => s.Name));
    }

    [Theory]
    [InlineData("scopes.yml.backup")]
    [InlineData("scopes")]
    [InlineData("scopes.json")]
    public void YamlContent_IsScopesYamlWhateverTheName(string name)
    {
        using var temp = new TempDirectory();
        var path = temp.Write(name, "# backup\ngroup_mappings:\n  g: [a]\na:\n  - server: currenttime\n    methods: [initialize]\n");
        var definitions = ScopeDefinitionsLoader.Load(path);
        Assert.Equal(ScopeSourceKind.ScopesYaml, definitions.SourceKind);
        Assert.Equal(["a"], definitions.MapGroupsToScopes(["g"]));
        Assert.False(definitions.HasErrors);
    }

    [Theory]
    [InlineData("export.yml", "[{\"_id\": \"a\"}]")]
    [InlineData("export.txt", "\uFEFF\n  {\"_id\": \"a\"}\n")]
    public void JsonContent_IsMcpScopesWhateverTheName(string name, string text)
    {
        using var temp = new TempDirectory();
        var definitions = ScopeDefinitionsLoader.Load(temp.Write(name, text));
        Assert.Equal(ScopeSourceKind.McpScopes, definitions.SourceKind);
        Assert.Equal("a", Assert.Single(definitions.Scopes).Name);
    }

    [Fact]
    public void Groups_AreTheDocumentsGroupMappingsOnce_AndTheSummaryLineCountsThem()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("scopes.jsonl", "{\"_id\": \"a\", \"group_mappings\": [\"g1\", \"g2\"]}\n{\"_id\": \"b\", \"group_mappings\": [\"g2\", \"g3\"]}\n");
        var report = new RecordingReport();
        var definitions = ScopesPathLoader.Load(path, report);
        Assert.Equal(["g1", "g2", "g3"], definitions.Groups);
        Assert.Contains(report.Lines, l => l.StartsWith("Scopes: 2 scope(s), 3 group mapping(s) from ", StringComparison.Ordinal));
    }
}
