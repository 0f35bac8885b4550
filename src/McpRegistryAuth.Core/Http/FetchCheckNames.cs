namespace McpRegistryAuth.Core.Http;

/// <summary>Stable names of the steps of a step-by-step fetch (<see cref="FetchDiagnosis"/>), in the order they run.</summary>
public static class FetchCheckNames
{
    /// <summary>The host name resolves (an address literal needs no lookup).</summary>
    public const string Dns = "Fetch.Dns";

    /// <summary>The addresses may be dialled under the client's private-address rule.</summary>
    public const string PrivateAddress = "Fetch.PrivateAddress";

    /// <summary>A TCP connection opens.</summary>
    public const string TcpConnect = "Fetch.TcpConnect";

    /// <summary>https only: the certificate is trusted for the host with the client's roots.</summary>
    public const string Tls = "Fetch.Tls";

    /// <summary>The answer is 200.</summary>
    public const string HttpStatus = "Fetch.HttpStatus";

    /// <summary>The content type is application/json or a +json type.</summary>
    public const string ContentType = "Fetch.ContentType";

    /// <summary>The body is the JSON object the document needs (a jwks_uri for discovery, a "keys" array for a JWKS).</summary>
    public const string JsonShape = "Fetch.JsonShape";

    /// <summary>JWKS only: the kids the key set holds.</summary>
    public const string KeyIds = "Fetch.KeyIds";
}
