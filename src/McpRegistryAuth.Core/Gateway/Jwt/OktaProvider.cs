using System.Text.Json;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>okta.py: a custom authorization server (<c>OKTA_AUTH_SERVER_ID</c>) or the org server; <c>groups</c> is a list of strings or one string.</summary>
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

    // okta.py wraps a groups claim that is not a list ([groups] if groups else []), then requires strings only.
    public override bool CheckAfterDecode(JwtParts parts, List<Check> checks)
    {
        if (!parts.Claims.TryGet("groups", out var groups)) return true;
        var items = Groups(groups);
        var pass = items.All(g => g.ValueKind == JsonValueKind.String);
        checks.Add(new Check(GatewayJwtCheckNames.Groups, pass, JsonObjectView.Shorten(groups.GetRawText(), 200), "a list of strings, or one string",
            pass ? null : "Okta's groups claim must hold only strings; fix the groups claim expression on the authorization server."));
        return pass;
    }

    private static IReadOnlyList<JsonElement> Groups(JsonElement groups) => groups.ValueKind switch
    {
        JsonValueKind.Array => groups.EnumerateArray().ToArray(),
        _ when IsFalsy(groups) => Array.Empty<JsonElement>(),
        _ => new[] { groups },
    };

    private static bool IsFalsy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Number => value.TryGetDouble(out var n) && n == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };

    public override IdpIdentity IdentityOf(JsonObjectView claims)
    {
        IReadOnlyList<string> scopes = claims.TryGet("scp", out var scp)
            ? scp.ValueKind == JsonValueKind.String ? ClaimReader.SplitWhitespace(scp.GetString()!) : StringList(claims, "scp")
            : ScopeSplit(claims);
        var groups = claims.TryGet("groups", out var g) ? Groups(g).Select(e => e.GetString()!).ToArray() : Array.Empty<string>();
        return new(First(claims, "sub", "preferred_username"), First(claims, "cid") ?? Get("OKTA_CLIENT_ID"), groups, scopes);
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
