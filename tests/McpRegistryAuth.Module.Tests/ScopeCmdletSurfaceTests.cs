using Xunit;

namespace McpRegistryAuth.Module.Tests;

/// <summary>Test-ScopeAccess and Get-ScopeAccessMatrix: the binding the issue promises (aliases, by property name, sets).</summary>
public class ScopeCmdletSurfaceTests
{
    private static CmdletInfo Cmdlet(string name) => BuiltModule.Instance.Cmdlets.Single(c => c.Name == name);

    [Theory]
    [InlineData("Test-ScopeAccess")]
    [InlineData("Get-ScopeAccessMatrix")]
    public void ScopeCmdlets_GroupTakesAliasGroupsAndBindsByPropertyName(string name)
    {
        var group = Cmdlet(name).Parameter("Group");
        Assert.Contains("Groups", group.Aliases);
        Assert.All(group.Sets, s => Assert.True(s.ValueFromPipelineByPropertyName));
        Assert.Equal("System.String[]", group.Type.FullName);
    }

    [Theory]
    [InlineData("Test-ScopeAccess")]
    [InlineData("Get-ScopeAccessMatrix")]
    public void ScopeCmdlets_ScopesPathBindsPipedFilesByFullNameOrPSPath(string name)
    {
        var path = Cmdlet(name).Parameter("ScopesPath");
        Assert.Equal(["FullName", "PSPath"], path.Aliases);
        Assert.All(path.Sets, s => Assert.True(s.ValueFromPipelineByPropertyName));
    }

    [Fact]
    public void TestScopeAccess_ScopeTakesAliasScopesAndBindsByPropertyName()
    {
        var scope = Cmdlet("Test-ScopeAccess").Parameter("Scope");
        Assert.Contains("Scopes", scope.Aliases);
        Assert.All(scope.Sets, s => Assert.True(s.ValueFromPipelineByPropertyName));
    }

    [Fact]
    public void TestScopeAccess_ServerAndRequestAreSeparateSetsWithServerTheDefault()
    {
        var cmdlet = Cmdlet("Test-ScopeAccess");
        Assert.Equal("Server", cmdlet.DefaultParameterSetName);
        Assert.Contains(cmdlet.Parameter("Server").Sets, s => s is { Name: "Server", Mandatory: true, ValueFromPipelineByPropertyName: true });
        Assert.Contains(cmdlet.Parameter("Method").Sets, s => s is { Name: "Server", Mandatory: true });
        Assert.Contains(cmdlet.Parameter("Uri").Sets, s => s is { Name: "Request", Mandatory: true });
        Assert.All(cmdlet.Parameter("Body").Sets, s => Assert.Equal("Request", s.Name));
        Assert.Contains(cmdlet.Parameter("ScopesPath").Sets, s => s.Mandatory);
    }

    [Fact]
    public void TestRegistryToken_HasScopesPath()
    {
        Assert.Equal("System.String", Cmdlet("Test-RegistryToken").Parameter("ScopesPath").Type.FullName);
    }
}
