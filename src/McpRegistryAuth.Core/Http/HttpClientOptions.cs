namespace McpRegistryAuth.Core.Http;

/// <summary>How the one HTTP client of the module is built. Defaults follow ToolHive's discovery client.</summary>
public sealed record HttpClientOptions
{
    public TrustRoots Trust { get; init; } = TrustRoots.System;

    /// <summary>Whole-request time-out (ToolHive: 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>TCP connect plus TLS handshake time-out (ToolHive: 10 s handshake).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>False refuses to dial private and loopback addresses, as ToolHive does without <c>allowPrivateIP</c>.</summary>
    public bool AllowPrivateAddresses { get; init; } = true;

    /// <summary>ToolHive's discovery client ignores HTTP(S)_PROXY; set true to use the system proxy.</summary>
    public bool UseProxy { get; init; }

    /// <summary>Largest response body buffered.</summary>
    public long MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Receives one line per request and response. Authorization values appear only as fingerprints.</summary>
    public Action<string>? Log { get; init; }

    public string UserAgent { get; init; } = "McpRegistryAuth/0.1";

    /// <summary>False: a 3xx answer is returned as it is (the caller decides whether a credential may follow it).</summary>
    public bool FollowRedirects { get; init; } = true;

    /// <summary>A handler put in front of the pipeline, for a protocol step the caller's library cannot make (OAuth/TokenEndpointAuthentication).</summary>
    public DelegatingHandler? Outermost { get; init; }
}
