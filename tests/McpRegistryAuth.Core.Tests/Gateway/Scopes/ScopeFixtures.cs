using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>Builds scope definitions for tests and checks the index against the reference evaluator.</summary>
internal static class ScopeFixtures
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "scopes", name);

    public static ScopeDefinitions DefaultMcpScopes() => McpScopesLoader.Load(FixturePath("default-mcp-scopes.json"));

    /// <summary>mcp_scopes documents written as JSON (single quotes allowed for readability).</summary>
    public static ScopeDefinitions Db(string json) => McpScopesLoader.FromJson(json.Replace('\'', '"'));

    /// <summary>Decides with both the reference evaluator and the index, asserts they agree, and returns the evaluator's decision.</summary>
    public static ScopeDecision Decide(ScopeDefinitions definitions, string[] scopes, string server, string method, string? tool = null)
    {
        var reference = ScopeEvaluator.Decide(definitions, scopes, server, method, tool);
        var index = ScopeIndex.Build(definitions);
        var fast = index.Explain(index.Decide(index.Resolve(scopes), server, method, tool), method, tool);
        Xunit.Assert.Equal(reference.Allowed, fast.Allowed);
        Xunit.Assert.Equal(reference.Grant, fast.Grant);
        Xunit.Assert.Equal(reference.Failure, fast.Failure);
        return reference;
    }

    /// <summary>As <see cref="Decide"/> for a generic-proxy request's HTTP verb.</summary>
    public static ScopeDecision DecideHttpVerb(ScopeDefinitions definitions, string[] scopes, string key, string verb)
    {
        var reference = ScopeEvaluator.Decide(definitions, scopes, key, verb, null, isHttpVerb: true);
        var index = ScopeIndex.Build(definitions);
        var fast = index.Explain(index.Decide(index.Resolve(scopes), key, verb, null, isHttpVerb: true), verb, null);
        Xunit.Assert.Equal(reference.Allowed, fast.Allowed);
        Xunit.Assert.Equal(reference.Grant, fast.Grant);
        Xunit.Assert.Equal(reference.Failure, fast.Failure);
        return reference;
    }
}
