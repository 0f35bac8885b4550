using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

public class GroupAndScopeNamesTests
{
    [Fact]
    public void Names_NoneGivenIsEmpty() => Assert.Empty(GroupAndScopeNames.Split(null));

    [Fact]
    public void Names_OneCellMayHoldSeveralSeparatedBySemicolons() =>
        Assert.Equal(["registry-admins", "registry-users-lob1", "ops"], GroupAndScopeNames.Split(["registry-admins; registry-users-lob1", "ops"]));

    [Fact]
    public void Names_EmptyEntriesAndNullValuesAreDropped() =>
        Assert.Equal(["a", "b"], GroupAndScopeNames.Split([";a;; ;", null, "", "b"]));

    [Fact]
    public void Names_CaseIsKept() =>
        Assert.Equal(["Registry-Admins"], GroupAndScopeNames.Split(["Registry-Admins"]));
}
