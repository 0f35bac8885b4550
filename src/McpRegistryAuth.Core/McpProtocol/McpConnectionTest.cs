using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>What Test-McpConnection is asked beyond the connection: predictions, tool calls, and whether to probe DNS/TCP/TLS first.</summary>
public sealed record McpConnectionTest
{
    public required McpConnectionOptions Connection { get; init; }

    /// <summary>-ScopesPath, loaded: each listed tool gets the predicted FGAC verdict.</summary>
    public ScopeDefinitions? Scopes { get; init; }

    /// <summary>The caller whose verdicts are predicted (from -Group/-Scope or the token's claims).</summary>
    public EffectiveScopes? Caller { get; init; }

    /// <summary>Tools to call (already confirmed by the user); the observed answer is put beside the prediction.</summary>
    public IReadOnlyList<string> CallTools { get; init; } = [];

    /// <summary>Arguments per tool name: plain values (dictionaries, lists, strings, numbers, booleans), sent as JSON.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> ToolArguments { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, object?>>();

    /// <summary>False skips the DNS, TCP and TLS probes (their steps are then absent).</summary>
    public bool Probe { get; init; } = true;
}
