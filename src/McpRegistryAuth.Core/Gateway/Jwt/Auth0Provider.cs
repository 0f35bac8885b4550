using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>auth0.py: issuer <c>https://{domain}/</c> with the trailing slash; audiences client id and <c>AUTH0_AUDIENCE</c>.</summary>
internal sealed class Auth0Provider : IdpProvider
{
    public Auth0Provider(IReadOnlyDictionary<string, string> environment) : base(environment) { }

    public override string Method => "auth0";

    public override IReadOnlyList<string> RequiredVariables { get; } = new[] { "AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET" };

    private string Domain => Get("AUTH0_DOMAIN");

    public override string JwksUrl => $"https://{Domain}/.well-known/jwks.json";

    public override string[] Issuers => new[] { $"https://{Domain}/" };

    public override string[]? AudiencesFor(JwtParts parts) =>
        new[] { Get("AUTH0_CLIENT_ID"), GetOrNull("AUTH0_AUDIENCE") }.OfType<string>().Where(a => a.Length > 0).Distinct().ToArray();

    private string GroupsClaim => Get("AUTH0_GROUPS_CLAIM", "https://mcp-gateway/groups");

    public override IEnumerable<string> WarningsFor(JsonObjectView claims)
    {
        if (GroupsClaim != "groups" && claims.TryGet("groups", out _) && !claims.TryGet(GroupsClaim, out _))
            yield return $"The token's plain 'groups' claim is ignored: the gateway reads groups from '{GroupsClaim}' (AUTH0_GROUPS_CLAIM), else 'permissions'. Write the groups under that namespaced claim with an Auth0 Action.";
    }

    public override IdpIdentity IdentityOf(JsonObjectView claims)
    {
        var groups = StringList(claims, GroupsClaim);
        return new(First(claims, "nickname", "sub"), First(claims, "azp"), groups.Count > 0 ? groups : StringList(claims, "permissions"), ScopeSplit(claims));
    }

    public override IEnumerable<string> HintsFor(Check failed, JsonObjectView claims)
    {
        if (failed.Name.EndsWith(".Audience", StringComparison.Ordinal))
            yield return "Request the token with audience=<your API identifier> and set AUTH0_AUDIENCE to it; without an audience Auth0 issues a /userinfo token.";
    }
}
