namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The registry's auth middleware as pure steps, for callers that add token validation:
/// <see cref="Precheck"/> decides everything that happens before a provider sees the token,
/// <see cref="Rejected"/> is the answer when every provider refused it.
/// </summary>
public static class ToolHiveAuthLayer
{
    /// <summary>
    /// A final verdict when the request is decided before token validation (anonymous mode, a public
    /// path, or a bad Authorization header); null when the token must go to the providers, in order.
    /// </summary>
    public static Verdict? Precheck(ToolHiveAuthConfig config, string requestPath, string? authorizationHeader, out Secret? token)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(requestPath);
        token = null;
        if (!config.IsOAuth)
        {
            return new Verdict
            {
                RegistryType = RegistryType.ToolHive,
                Status = 200,
                IsProvisional = true,
                AuthMethod = "anonymous",
                Checks = [new Check(ToolHiveCheckNames.Mode, true, config.Mode, ToolHiveAuthMode.OAuth, "Anonymous mode: no credentials are checked.")],
            };
        }

        var isPublic = PublicPathMatcher.IsPublic(requestPath, config.EffectivePublicPaths);
        var publicCheck = new Check(ToolHiveCheckNames.PublicPath, !isPublic, requestPath, "not public", isPublic ? "Public path: authentication is skipped; the request carries no claims." : null);
        if (isPublic)
        {
            return new Verdict
            {
                RegistryType = RegistryType.ToolHive,
                Status = 200,
                IsProvisional = true,
                AuthMethod = "public-path",
                Checks = [publicCheck with { Passed = true }],
                Hints = ["On a public path the request has no claims: role checks and claim gates are skipped."],
            };
        }

        token = BearerExtraction.Extract(authorizationHeader, out var error);
        var oauth = config.OAuth!;
        if (token is null)
        {
            var response = UnauthorizedResponse.ForHeaderProblem(oauth.Realm, oauth.ResourceUrl);
            return Unauthorized(response, [publicCheck with { Passed = true }, new Check(ToolHiveCheckNames.BearerHeader, false, error, "Bearer <token>", "The header must start with 'Bearer ' (case-sensitive, one space).")]);
        }

        return null;
    }

    /// <summary>The 401 the server sends when every provider refused the token (the per-provider reasons are only logged at DEBUG).</summary>
    public static Verdict Rejected(ToolHiveAuthConfig config, IReadOnlyList<Check> providerChecks)
    {
        ArgumentNullException.ThrowIfNull(config);
        var oauth = config.OAuth ?? new ToolHiveOAuthConfig();
        return Unauthorized(UnauthorizedResponse.ForValidationFailure(oauth.Realm, oauth.ResourceUrl), providerChecks);
    }

    private static Verdict Unauthorized(UnauthorizedResponse response, IReadOnlyList<Check> checks) => new()
    {
        RegistryType = RegistryType.ToolHive,
        Status = response.Status,
        Detail = response.Description,
        Body = response.Body,
        WwwAuthenticate = response.WwwAuthenticate,
        Checks = checks,
    };
}
