namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>What the client sees after nginx turns a /validate status into its answer (reference §1.4).</summary>
internal static class NginxClientView
{
    public const string AuthenticationRequired = "{\"error\": \"Authentication required\"}";
    public const string AccessForbidden = "{\"error\": \"Access forbidden\"}";

    public static (int? Status, string? Body) For(int? status, string path, string rootPath) => status switch
    {
        null => (null, null),
        >= 200 and < 300 => (status, null),
        401 when IsGenericApi(path, rootPath) => (401, null), // nginx's default HTML 401 page
        401 => (401, AuthenticationRequired),
        403 => (403, AccessForbidden),
        _ => (500, null), // "auth request unexpected status"
    };

    private static bool IsGenericApi(string path, string rootPath) =>
        path.StartsWith(rootPath + "/api/", StringComparison.Ordinal) && path != rootPath + "/api/auth/me";
}
