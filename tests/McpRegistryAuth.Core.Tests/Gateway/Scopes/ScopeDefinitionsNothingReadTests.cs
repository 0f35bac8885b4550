using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

public class ScopeDefinitionsNothingReadTests
{
    [Fact]
    public void NothingRead_UnreadableFileGivesItsFirstError()
    {
        var definitions = McpScopesLoader.FromJson("[{\"_id\": ");
        Assert.Empty(definitions.Scopes);
        Assert.NotNull(definitions.NothingReadBecause);
        Assert.Equal(definitions.Findings.First(f => f.Severity == FindingSeverity.Error), definitions.NothingReadBecause);
    }

    [Fact]
    public void NothingRead_ErrorsBesideReadableScopesDoNotStop()
    {
        var definitions = Db("[{'_id':'broken','server_access':null},{'_id':'admin','server_access':[{'server':'*','methods':['all']}]}]");
        Assert.True(definitions.HasErrors);
        Assert.Null(definitions.NothingReadBecause);
    }

    [Fact]
    public void NothingRead_EmptyExportWithoutErrorsIsNotAFailure()
    {
        var definitions = McpScopesLoader.FromJson("[]");
        Assert.Empty(definitions.Scopes);
        Assert.False(definitions.HasErrors);
        Assert.Null(definitions.NothingReadBecause);
    }
}
