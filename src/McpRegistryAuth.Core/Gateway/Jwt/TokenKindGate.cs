using System.Text.Json;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Python;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// /validate's token_kind gate for self-signed tokens (auth_server/server.py, after FGAC): a token without
/// <c>token_kind</c> is refused, <c>user</c> passes, <c>resource</c> must be bound to what the request URL
/// addresses (<see cref="ResourceBinding"/>), anything else is refused. Each refusal is a 403.
/// </summary>
internal static class TokenKindGate
{
    /// <summary>The 403 detail, or null when the token may make this request. <paramref name="originalUrl"/> is X-Original-URL (null when nginx passed none).</summary>
    public static string? Refusal(JsonObjectView claims, string? originalUrl, string rootPath, List<Check> checks)
    {
        // claims.get("token_kind") is None for a missing claim and for a JSON null alike.
        if (!claims.TryGet("token_kind", out var kind) || kind.ValueKind == JsonValueKind.Null)
        {
            checks.Add(new Check(GatewayJwtCheckNames.TokenKind, false, "<missing>", "\"user\" or \"resource\"", "Tokens minted before token_kind existed are refused: mint a new one."));
            return GatewayJwtTexts.MissingTokenKind;
        }

        var value = kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;
        if (value is not ("user" or "resource"))
        {
            checks.Add(new Check(GatewayJwtCheckNames.TokenKind, false, JsonObjectView.Shorten(kind.GetRawText(), 100), "\"user\" or \"resource\""));
            return GatewayJwtTexts.UnknownTokenKind;
        }

        checks.Add(new Check(GatewayJwtCheckNames.TokenKind, true, $"\"{value}\"", "\"user\" or \"resource\""));
        return value == "resource" ? BindingRefusal(claims, originalUrl, rootPath, checks) : null;
    }

    private static string? BindingRefusal(JsonObjectView claims, string? originalUrl, string rootPath, List<Check> checks)
    {
        var type = claims.GetString("resource_type");
        var id = claims.GetString("resource_id");
        var claimsPresent = type is not null && PythonText.Strip(type).Length > 0 && id is not null && PythonText.Strip(id).Length > 0;
        checks.Add(new Check(GatewayJwtCheckNames.ResourceClaims, claimsPresent,
            $"resource_type {claims.Display("resource_type", 80) ?? "<missing>"}, resource_id {claims.Display("resource_id", 80) ?? "<missing>"}", "non-blank strings",
            claimsPresent ? null : "Mint the token again for a resource (POST /api/tokens/generate with resource_type and resource_id)."));
        if (!claimsPresent)
        {
            return GatewayJwtTexts.ResourceMissingClaims;
        }

        checks.Add(new Check(GatewayJwtCheckNames.ResourceUrl, !string.IsNullOrEmpty(originalUrl), string.IsNullOrEmpty(originalUrl) ? "no X-Original-URL" : "X-Original-URL present", "the request URL",
            string.IsNullOrEmpty(originalUrl) ? "Give -Uri: a resource-bound token is judged against the URL it is used on." : null));
        if (string.IsNullOrEmpty(originalUrl))
        {
            return GatewayJwtTexts.ResourceUrlUnavailable;
        }

        var path = GatewayRequestReader.UrlPath(originalUrl);
        var allowed = ResourceBinding.Allowed(path, rootPath);
        checks.Add(new Check(GatewayJwtCheckNames.ResourceEndpoint, allowed, $"path '{path}'", $"not {string.Join(", ", ResourceBinding.BlockedPrefixes)} or below (except {ResourceBinding.IntrospectionPath})",
            allowed ? null : "Resource-bound tokens never reach these registry endpoints; use a user token there."));
        if (!allowed)
        {
            return GatewayJwtTexts.ResourceBlockedEndpoint;
        }

        if (ResourceBinding.IsIntrospection(path, rootPath))
        {
            checks.Add(new Check(GatewayJwtCheckNames.ResourceBinding, true, $"'{path}' is the introspection endpoint", "any resource"));
            return null;
        }

        var addressed = ResourceBinding.Classify(path, rootPath);
        var claimId = ResourceBinding.NormalizeId(id!);
        var match = addressed is { } a && a.Type == type && a.Id == claimId;
        checks.Add(new Check(GatewayJwtCheckNames.ResourceBinding, match,
            addressed is { } r ? $"the URL addresses {r.Type} '{r.Id}'" : $"'{path}' addresses no resource",
            $"{type} '{claimId}' (the token's binding)",
            match ? null : addressed is null
                ? "A resource-bound token works only on its server's MCP path (/<server>/mcp), /virtual/<name>/..., or /api/servers|agents|skills/<id>."
                : "The token is bound to another resource: mint one for this resource, or use a user token."));
        return match ? null : addressed is null ? GatewayJwtTexts.ResourceUnclassifiable : GatewayJwtTexts.ResourceMismatch;
    }
}
