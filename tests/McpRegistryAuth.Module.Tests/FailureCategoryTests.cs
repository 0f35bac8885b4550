using System.Management.Automation;
using System.Reflection;
using Xunit;

namespace McpRegistryAuth.Module.Tests;

/// <summary>The cmdlets map the core's FailureCategory to PowerShell's ErrorCategory by name.</summary>
public class FailureCategoryTests
{
    [Fact]
    public void EveryFailureCategory_IsAnErrorCategoryOfTheSameName()
    {
        var core = BuiltModule.Instance.Context.LoadFromAssemblyPath(Path.Combine(BuiltModule.Instance.Root, "Dependencies", "McpRegistryAuth.Core.dll"));
        var names = core.GetType("McpRegistryAuth.Core.Reporting.FailureCategory", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.Name)
            .ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(Enum.TryParse<ErrorCategory>(name, out _), $"FailureCategory.{name} has no ErrorCategory of that name."));
    }
}
