namespace McpRegistryAuth.Core.Http;

/// <summary>
/// The settings of the client whose fetch is diagnosed: the same <see cref="HttpClientOptions"/> the server's
/// client is built from (trust roots, allowPrivateIP, time-outs) and the bearer it adds to every request.
/// </summary>
public sealed record FetchDiagnosisOptions
{
    public HttpClientOptions Client { get; init; } = new();

    /// <summary>Sent as <c>Authorization: Bearer</c> on the request (ToolHive's authTokenFile); shown only as a fingerprint.</summary>
    public Secret? Bearer { get; init; }

    /// <summary>Where the bearer came from (e.g. the authTokenFile path), named in the HTTP status check.</summary>
    public string? BearerSource { get; init; }
}
