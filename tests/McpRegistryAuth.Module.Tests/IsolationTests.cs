using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace McpRegistryAuth.Module.Tests;

/// <summary>
/// The isolation hook of the built module, exercised without PowerShell: the resolver class of the
/// built loader assembly answers only for the core, from Dependencies/, in one private context.
/// </summary>
public class IsolationTests
{
    private static readonly string Root = BuiltModule.Instance.Root;

    private static (object Resolver, MethodInfo Resolve, AssemblyLoadContext Private) CreateResolver()
    {
        // A throw-away context for the loader assembly, so the test process's default context is untouched.
        var hostContext = new AssemblyLoadContext("test-host-" + Guid.NewGuid(), isCollectible: true);
        var loader = hostContext.LoadFromAssemblyPath(Path.Combine(Root, "McpRegistryAuth.Loading.dll"));
        var type = loader.GetType("McpRegistryAuth.Loading.DependencyResolver", throwOnError: true)!;
        var resolver = Activator.CreateInstance(type, Path.Combine(Root, "Dependencies"))!;
        var resolve = type.GetMethod("Resolve")!;
        var context = (AssemblyLoadContext)type.GetProperty("LoadContext")!.GetValue(resolver)!;
        return (resolver, resolve, context);
    }

    [Fact]
    public void Resolver_LoadsTheCoreFromDependenciesIntoThePrivateContext()
    {
        var (resolver, resolve, context) = CreateResolver();
        var core = (Assembly?)resolve.Invoke(resolver, [AssemblyLoadContext.Default, new AssemblyName("McpRegistryAuth.Core")]);
        Assert.NotNull(core);
        Assert.Equal(Path.GetFullPath(Path.Combine(Root, "Dependencies", "McpRegistryAuth.Core.dll")), Path.GetFullPath(core!.Location));
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(core));
        Assert.Equal("McpRegistryAuth", context.Name);
    }

    [Theory]
    [InlineData("YamlDotNet")]
    [InlineData("Microsoft.Identity.Client")]
    [InlineData("Newtonsoft.Json")]
    [InlineData("System.Text.Json")]
    public void Resolver_AnswersForNothingButTheCore(string name)
    {
        var (resolver, resolve, _) = CreateResolver();
        Assert.Null(resolve.Invoke(resolver, [AssemblyLoadContext.Default, new AssemblyName(name)]));
    }

    [Fact]
    public void PrivateContext_LoadsTheCoresPackagesFromDependencies()
    {
        var (_, _, context) = CreateResolver();
        var yaml = context.LoadFromAssemblyName(new AssemblyName("YamlDotNet"));
        Assert.Equal(Path.GetFullPath(Path.Combine(Root, "Dependencies", "YamlDotNet.dll")), Path.GetFullPath(yaml.Location));
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(yaml));
    }

    [Fact]
    public void PrivateContext_DefersFrameworkAssembliesToTheDefaultContext()
    {
        var (_, _, context) = CreateResolver();
        var json = context.LoadFromAssemblyName(new AssemblyName("System.Text.Json"));
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(json));
    }

    [Fact]
    public void PrivateContext_DefersAFrameworkAssemblyAskedForAtTheFrameworksVersion()
    {
        var (_, _, context) = CreateResolver();
        var asked = new AssemblyName("System.Text.Json") { Version = typeof(System.Text.Json.JsonDocument).Assembly.GetName().Version };
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(context.LoadFromAssemblyName(asked)));
    }

    [Theory]
    [InlineData("10.0.0.0", "8.0.0.0", true)] // PowerShell 7.4 (.NET 8): the core's System.Text.Json 10 from Dependencies/
    [InlineData("10.0.0.0", "9.0.0.0", true)] // PowerShell 7.5 (.NET 9)
    [InlineData("10.0.0.0", "10.0.0.0", false)] // PowerShell 7.6 (.NET 10): the framework's, one identity
    [InlineData("10.0.0.0", "11.0.0.0", false)]
    [InlineData(null, "8.0.0.0", false)] // nothing private: the default context decides
    [InlineData("16.0.0.0", null, true)] // a package (YamlDotNet)
    [InlineData(null, null, false)]
    public void PrivateContext_ServesAFrameworkNameOnlyWhenTheFrameworksCopyIsOlder(string? privateVersion, string? frameworkVersion, bool expected)
    {
        var loader = Assembly.LoadFrom(Path.Combine(Root, "McpRegistryAuth.Loading.dll"));
        var decide = loader.GetType("McpRegistryAuth.Loading.DependencyLoadContext", throwOnError: true)!.GetMethod("ServesPrivately")!;
        var result = decide.Invoke(null, [privateVersion is null ? null : Version.Parse(privateVersion), frameworkVersion is null ? null : Version.Parse(frameworkVersion)]);
        Assert.Equal(expected, result);
    }

    [Fact]
    public void PrivateContext_CoreTypesWork()
    {
        var (resolver, resolve, _) = CreateResolver();
        var core = (Assembly)resolve.Invoke(resolver, [AssemblyLoadContext.Default, new AssemblyName("McpRegistryAuth.Core")])!;
        var fingerprint = core.GetType("McpRegistryAuth.Core.Fingerprint", throwOnError: true)!;
        Assert.Equal("ba7816bf", fingerprint.GetMethod("Of")!.Invoke(null, ["abc"]));
    }
}
