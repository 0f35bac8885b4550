using System.Text.Encodings.Web;
using System.Text.Json;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>Bodies the auth server's FastAPI app writes (Starlette JSONResponse: compact, non-ASCII kept).</summary>
public static class ValidateResponse
{
    public const string MissingBearerDetail = "Missing or invalid Authorization header. Expected: Bearer <token> or valid session cookie";
    public const string TokenValidationFailedDetail = "Token validation failed";
    public const string BearerChallenge = "Bearer";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string DetailBody(string detail) => JsonSerializer.Serialize(new Dictionary<string, string> { ["detail"] = detail }, Compact);

    /// <summary>The verdict answering with /validate's refusal (its detail body, the 401 challenge) and what nginx at <paramref name="location"/> makes of it.</summary>
    internal static Verdict Refusal(Verdict verdict, int status, string detail, NginxLocation location)
    {
        var (clientStatus, clientBody) = location.ClientResponse(status);
        return verdict with
        {
            Status = status,
            Detail = detail,
            Body = DetailBody(detail),
            WwwAuthenticate = status == 401 ? BearerChallenge : null,
            ClientStatus = clientStatus,
            ClientBody = clientBody,
        };
    }

    /// <summary>The success body of /validate (server.py:3969-3979 shape).</summary>
    public static string SuccessBody(string username, string clientId, IReadOnlyList<string>? scopes, string method, IReadOnlyList<string> groups)
    {
        var body = new Dictionary<string, object?>
        {
            ["valid"] = true,
            ["username"] = username,
            ["client_id"] = clientId,
            ["scopes"] = scopes,
            ["method"] = method,
            ["groups"] = groups,
            ["server_name"] = null,
            ["tool_name"] = null,
        };
        return JsonSerializer.Serialize(body, Compact);
    }
}
