namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The server's bearer extraction (toolhive <c>ExtractBearerToken</c>): the first Authorization
/// value must start with the case-sensitive <c>"Bearer "</c>; the rest is the token, not trimmed.
/// </summary>
public static class BearerExtraction
{
    public const string HeaderRequired = "authorization header required";
    public const string InvalidFormat = "invalid authorization header format, expected 'Bearer <token>'";
    public const string EmptyToken = "empty token in authorization header";

    /// <summary>The token, or null with <paramref name="error"/> set to the server's log text.</summary>
    public static Secret? Extract(string? authorizationHeader, out string? error)
    {
        if (string.IsNullOrEmpty(authorizationHeader))
        {
            error = HeaderRequired;
            return null;
        }

        if (!authorizationHeader.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            error = InvalidFormat;
            return null;
        }

        var token = authorizationHeader["Bearer ".Length..];
        if (token.Trim().Length == 0)
        {
            error = EmptyToken;
            return null;
        }

        error = null;
        return new Secret(token);
    }
}
