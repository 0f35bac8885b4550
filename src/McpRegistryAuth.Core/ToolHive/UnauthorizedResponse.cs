using System.Text;
using McpRegistryAuth.Core.Go;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The auth middleware's 401 (middleware.go writeError): status, the exact <c>WWW-Authenticate</c>
/// value and the exact JSON body bytes (json.Encoder, so a trailing newline).
/// </summary>
public sealed record UnauthorizedResponse(int Status, string WwwAuthenticate, string Body, string ErrorCode, string Description)
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidToken = "invalid_token";
    public const string MissingOrMalformed = "missing or malformed authorization header";
    public const string ValidationFailed = "token validation failed";

    public string ContentType => "application/json";

    /// <summary>The other headers the 401 carries (security-header middleware runs first).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OtherHeaders { get; } =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("Cross-Origin-Resource-Policy", "same-origin"),
    ];

    public byte[] BodyBytes => Encoding.UTF8.GetBytes(Body);

    /// <summary>The 401 for a missing header, a non-Bearer header or an empty token.</summary>
    public static UnauthorizedResponse ForHeaderProblem(string realm, string resourceUrl) => Create(InvalidRequest, MissingOrMalformed, realm, resourceUrl);

    /// <summary>The 401 when every provider refused the token.</summary>
    public static UnauthorizedResponse ForValidationFailure(string realm, string resourceUrl) => Create(InvalidToken, ValidationFailed, realm, resourceUrl);

    /// <summary>Any 401 of the middleware; <paramref name="realm"/> empty means the default <c>mcp-registry</c>.</summary>
    public static UnauthorizedResponse Create(string errorCode, string description, string realm, string resourceUrl)
    {
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(resourceUrl);
        var safeRealm = SanitizeHeaderValue(realm.Length == 0 ? ToolHiveOAuthConfig.DefaultRealm : realm);
        var safeResource = SanitizeHeaderValue(resourceUrl);
        var safeDescription = SanitizeHeaderValue(description);
        var header = $"Bearer realm=\"{safeRealm}\", error=\"{errorCode}\", error_description=\"{safeDescription}\"";
        if (safeResource.Length > 0)
        {
            header += $", resource_metadata=\"{safeResource}{ToolHiveDiscovery.ProtectedResourceSuffix}\"";
        }

        return new UnauthorizedResponse(401, header, GoJson.EncodeErrorBody(description), errorCode, description);
    }

    /// <summary>CR and LF removed, <c>"</c> escaped as <c>\"</c>; backslashes are left alone.</summary>
    public static string SanitizeHeaderValue(string value)
    {
        if (value.IndexOfAny(['\r', '\n', '"']) < 0) return value;
        return value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
    }
}
