using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.OAuth;

namespace McpRegistryAuth.Core.RegistryApi.Diagnosis;

/// <summary>What a 401 or 403 diagnosis looks at: the answer, the request that got it, and what the caller knows (the token, the scope definitions).</summary>
public sealed record AuthFailureContext
{
    public required RegistryApiResponse Response { get; init; }

    /// <summary>The token the caller meant to send (null: none given).</summary>
    public Secret? Token { get; init; }

    public string HeaderName { get; init; } = TokenHeaderRule.Authorization;

    public RegistryType RegistryType { get; init; } = RegistryType.Gateway;

    /// <summary>The gateway's root path (ROOT_PATH), empty at the host's root.</summary>
    public string RootPath { get; init; } = "";

    /// <summary>The request body as text, for the FGAC test of a 403.</summary>
    public string? RequestBody { get; init; }

    /// <summary>-ScopesPath, loaded: lets a 403 name the scope that does not grant the operation.</summary>
    public ScopeDefinitions? Scopes { get; init; }

    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}
