using McpRegistryAuth.Core.ToolHive;

namespace McpRegistryAuth.Core.Tests.Peers;

/// <summary>
/// Answers like a ToolHive Registry Server in oauth mode: public paths pass, everything else without
/// a Bearer token gets the 401 bytes of the reference, the RFC 9728 document at its root. Bodies
/// can be given literally (reference fixtures) or built from the peer's own URL.
/// </summary>
public static class ToolHiveRegistryPeer
{
    /// <param name="protectedResourceDocument">The RFC 9728 body; receives the peer's base URL.</param>
    /// <param name="resourceUrl">The resourceUrl the 401s advertise; receives the peer's base URL.</param>
    /// <param name="extraRoutes">Further exact-path answers (e.g. an IdP's metadata on the same peer).</param>
    public static Task<LoopbackPeer> StartAsync(Func<Uri, string> protectedResourceDocument, Func<Uri, string> resourceUrl, IReadOnlyDictionary<string, Func<Uri, PeerResponse>>? extraRoutes = null) =>
        LoopbackPeer.StartAsync((baseUri, request) =>
        {
            if (extraRoutes is not null && extraRoutes.TryGetValue(request.Path, out var route)) return route(baseUri);
            if (request.Path == ProtectedResourceMetadataDocument.Path) return PeerResponse.Json(200, protectedResourceDocument(baseUri), SecurityHeaders());
            if (PublicPathMatcher.IsPublic(request.Path, ToolHiveAuthConfig.DefaultPublicPaths)) return PeerResponse.Json(404, "404 page not found\n");
            var unauthorized = BearerExtraction.Extract(request.Authorization, out _) is null
                ? UnauthorizedResponse.ForHeaderProblem("", resourceUrl(baseUri))
                : UnauthorizedResponse.ForValidationFailure("", resourceUrl(baseUri));
            return new PeerResponse(401,
                [new("Content-Type", unauthorized.ContentType), .. unauthorized.OtherHeaders, new("WWW-Authenticate", unauthorized.WwwAuthenticate)],
                unauthorized.BodyBytes);
        });

    private static KeyValuePair<string, string>[] SecurityHeaders() => [new("X-Content-Type-Options", "nosniff"), new("Cross-Origin-Resource-Policy", "same-origin")];
}
