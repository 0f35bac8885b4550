namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>How a request body goes on the wire.</summary>
public enum BodyEncoding
{
    /// <summary>application/json.</summary>
    Json,

    /// <summary>application/x-www-form-urlencoded.</summary>
    Form,

    /// <summary>A string sent as it is (text/plain unless it looks like JSON).</summary>
    Text,
}
