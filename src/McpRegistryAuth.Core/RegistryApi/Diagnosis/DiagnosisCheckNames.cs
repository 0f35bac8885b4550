namespace McpRegistryAuth.Core.RegistryApi.Diagnosis;

/// <summary>The checks a 401 or 403 diagnosis makes, one Verbose line each.</summary>
public static class DiagnosisCheckNames
{
    /// <summary>The WWW-Authenticate challenge of the answer.</summary>
    public const string Challenge = "Diagnosis.Challenge";

    /// <summary>The answer's Content-Type headers.</summary>
    public const string ContentType = "Diagnosis.ContentType";

    /// <summary>Whether the token went with the request, and in which header.</summary>
    public const string TokenSent = "Diagnosis.TokenSent";

    /// <summary>The token's shape (JWT or opaque) against what the path accepts.</summary>
    public const string TokenShape = "Diagnosis.TokenShape";

    /// <summary>The token's exp and nbf against the local clock.</summary>
    public const string TokenTime = "Diagnosis.TokenTime";

    /// <summary>The RFC 9728 document the challenge advertises.</summary>
    public const string ResourceMetadata = "Diagnosis.ResourceMetadata";

    /// <summary>The token's aud against the document's resource.</summary>
    public const string Audience = "Diagnosis.Audience";

    /// <summary>The token's iss against the document's authorization servers.</summary>
    public const string Issuer = "Diagnosis.Issuer";

    /// <summary>The caller's scopes (-ScopesPath) against the operation.</summary>
    public const string Scopes = "Diagnosis.Scopes";
}
