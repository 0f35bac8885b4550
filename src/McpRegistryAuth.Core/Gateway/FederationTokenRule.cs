using System.Security.Cryptography;
using System.Text;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// The federation static-token block (server.py:3104-3197), checked before the registry static token
/// on /api/federation/ and /api/peers paths: a missing or non-Bearer header is an immediate 401 there.
/// </summary>
public static class FederationTokenRule
{
    public static readonly StaticKeyEntry FederationIdentity = new("federation-peer", new Secret(""), []);

    public static StaticStageOutcome Evaluate(GatewayRequest request, StaticTokenConfig config, GatewayCredential credential)
    {
        if (!config.FederationEnabled || config.FederationToken is null || !GatewayPaths.IsFederation(request.Path, config.RootPath) || GatewayPaths.HasSessionCookie(request))
        {
            return new StaticStageOutcome([]);
        }

        var checks = new List<Check> { new(GatewayCheckNames.FederationTokenApplies, true, $"path '{request.Path}'", "a federation path with federation static-token auth on") };
        if (credential.Value is null)
        {
            checks.Add(new Check(GatewayCheckNames.FederationTokenHeader, false, "no credential header", "Authorization: Bearer <federation token>"));
            return new StaticStageOutcome(checks, RejectStatus: 401, RejectDetail: "Authorization header required");
        }

        var prefix = BearerHeader.PrefixCheck(GatewayCheckNames.FederationTokenBearerScheme, credential.Value, credential.HeaderName);
        checks.Add(prefix);
        if (!prefix.Passed)
        {
            return new StaticStageOutcome(checks, RejectStatus: 401, RejectDetail: "Authorization header must use Bearer scheme");
        }

        var (token, strip) = BearerHeader.StripToken(credential.Value, GatewayCheckNames.FederationTokenStrip);
        checks.Add(strip);
        var equal = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token.Reveal()), Encoding.UTF8.GetBytes(config.FederationToken.Reveal()));
        checks.Add(new Check(
            GatewayCheckNames.FederationTokenMatch,
            equal,
            $"token {token.Fingerprint}",
            $"FEDERATION_STATIC_TOKEN {config.FederationToken.Fingerprint}",
            equal ? null : "A mismatch falls through to the registry static token, then JWT validation."));
        return new StaticStageOutcome(checks, equal ? FederationIdentity : null);
    }
}
