using System.Collections;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.OAuth;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>Everything Invoke-RegistryApi was given, as the core reads it.</summary>
public sealed record RegistryApiCall
{
    /// <summary>An absolute URL, or a path relative to the registry URL.</summary>
    public required string Uri { get; init; }

    public string Method { get; init; } = "GET";

    /// <summary>A string (sent as it is), or dictionaries, lists and values (serialized by the path's encoding).</summary>
    public object? Body { get; init; }

    public IDictionary? Query { get; init; }

    /// <summary>Other request headers (If-Match).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public string? RegistryUrl { get; init; }

    public McpProfile? Profile { get; init; }

    /// <summary>The REGISTRY_URL environment variable, the base the gateway's scripts use.</summary>
    public string? EnvironmentRegistryUrl { get; init; }

    public string? RegistryType { get; init; }

    /// <summary>The token given (-Token, -TokenFile, a piped token object); null: the profile's, or none.</summary>
    public Secret? Token { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    public int MaximumRetryCount { get; init; } = 3;

    public bool AllowUnencryptedAuthentication { get; init; }

    public ScopeDefinitions? Scopes { get; init; }

    /// <summary>Leaves token fields of the answer as they are instead of fingerprints.</summary>
    public bool AsPlainText { get; init; }

    public Func<string, string> ResolvePath { get; init; } = p => p;
}
