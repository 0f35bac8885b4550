using System.Text.Json;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>okta.py: a custom authorization server (<c>OKTA_AUTH_SERVER_ID</c>) or the org server; <c>groups</c> must be strings.</summary>
internal sealed class OktaProvider : IdpProvider
{
    public OktaProvider(IReadOnlyDictionary<string, string> environment) : base(environment) { }

    public override string Method => "okta";

    public override IReadOnlyList<string> RequiredVariables { get; } = new[] { "OKTA_DOMAIN", "OKTA_CLIENT_ID", "OKTA_CLIENT_SECRET" };

    private string? ServerId => GetOrNull("OKTA_AUTH_SERVER_ID");

    private string Base => $"https://{Get("OKTA_DOMAIN")}";

    public override string JwksUrl => ServerId is { } id ? $"{Base}/oauth2/{id}/v1/keys" : $"{Base}/oauth2/v1/keys";

    public override string[] Issuers => new[] { ServerId is { } id ? $"{Base}/oauth2/{id}" : Base };

    public override string[]? AudiencesFor(JwtParts parts) =>
        new[] { Get("OKTA_CLIENT_ID"), GetOrNull("OKTA_M2M_CLIENT_ID") }.OfType<string>().Concat(List("OKTA_M2M_ALLOWED_AUDIENCES")).Where(a => a.Length > 0).Distinct().ToArray();

    public override bool CheckAfterDecode(JwtParts parts, List<Check> checks)
    {
        if (!parts.Claims.TryGet("groups", out var groups)) return true;
        var pass = groups.ValueKind == JsonValueKind.Array && groups.EnumerateArray().All(g => g.ValueKind == JsonValueKind.String);
        checks.Add(new Check(GatewayJwtCheckNames.Groups, pass, JsonObjectView.Shorten(groups.GetRawText(), 200), "a list of strings",
            pass ? null : "Okta's groups claim must be a list of strings; fix the groups claim expression on the authorization server."));
        return pass;
    }

    public override IdpIdentity IdentityOf(JsonObjectView claims)
    {
        IReadOnlyList<string> scopes = claims.TryGet("scp", out var scp)
            ? scp.ValueKind == JsonValueKind.String ? ClaimReader.SplitWhitespace(scp.GetString()!) : StringList(claims, "scp")
            : ScopeSplit(claims);
        return new(First(claims, "sub", "preferred_username"), First(claims, "cid") ?? Get("OKTA_CLIENT_ID"), StringList(claims, "groups"), scopes);
    }

    public override IEnumerable<string> HintsFor(Check failed, JsonObjectView claims)
    {
        if (failed.Name.EndsWith(".Audience", StringComparison.Ordinal) && ClaimReader.Audiences(claims).Contains("api://default"))
            yield return "The token has Okta's default authorization server audience api://default: add it to OKTA_M2M_ALLOWED_AUDIENCES, or give the authorization server the gateway's client id as audience.";
        if (failed.Name.EndsWith(".Issuer", StringComparison.Ordinal))
            yield return ServerId is null
                ? "The gateway expects the Okta org authorization server (no OKTA_AUTH_SERVER_ID); tokens from a custom server (…/oauth2/<id>) need OKTA_AUTH_SERVER_ID set."
                : $"The gateway expects the custom authorization server {Issuers[0]}; org-server tokens (https://<domain>) are for Okta's own APIs.";
    }
}
