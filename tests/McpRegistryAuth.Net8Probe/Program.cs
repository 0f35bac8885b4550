using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;

// Usage: McpRegistryAuth.Net8Probe <module folder>. Prints "PASS <check>" or "FAIL <check>: <why>" per check
// and exits 1 when any failed. Each check runs core code that reads JSON, YAML or talks MCP, the paths that
// need the core's newer packages, while this process runs on .NET 8.
namespace McpRegistryAuth.Net8Probe;

internal static class Program
{
    private static int failures;

    private static int Main(string[] args)
    {
        if (args.Length != 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: McpRegistryAuth.Net8Probe <module folder>");
            return 2;
        }

        var moduleRoot = Path.GetFullPath(args[0]);
        Check("runtime-is-dotnet-8", () => Expect(Environment.Version.Major == 8, $"running on .NET {Environment.Version}"));
        // What PowerShell does on Import-Module: load the loader from the module folder and hook the default context.
        Check("loader-registers", () =>
        {
            var loader = Assembly.LoadFrom(Path.Combine(moduleRoot, "McpRegistryAuth.Loading.dll"));
            var type = loader.GetType("McpRegistryAuth.Loading.DependencyResolver", throwOnError: true)!;
            var resolver = Activator.CreateInstance(type, Path.Combine(moduleRoot, "Dependencies"))!;
            type.GetMethod("Register")!.Invoke(resolver, null);
        });
        Check("core-in-private-context", CoreChecks.CoreIsPrivate);
        using var server = new LoopbackServer();
        Check("registry-api-listing", () => CoreChecks.RegistryListing(server.BaseUri));
        Check("token-inspection", CoreChecks.TokenInspection);
        Check("es256-self-signed-token", CoreChecks.SelfSignedToken);
        Check("msal-client-credentials", CoreChecks.MsalClientCredentials);
        Check("scopes-yaml", CoreChecks.ScopesYaml);
        Check("mcp-connection", () => CoreChecks.McpConnection(server.BaseUri));
        Check("core-json-is-the-private-copy", CoreChecks.CoreJsonIsPrivate);
        return failures == 0 ? 0 : 1;
    }

    private static void Check(string name, Action check)
    {
        try
        {
            check();
            Console.WriteLine($"PASS {name}");
        }
        catch (Exception ex)
        {
            failures++;
            var inner = ex is TargetInvocationException { InnerException: { } cause } ? cause : ex;
            Console.WriteLine($"FAIL {name}: {inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")}");
        }
    }

    internal static void Expect(bool condition, string detail)
    {
        if (!condition) throw new InvalidOperationException(detail);
    }
}
