namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// The credential header /validate uses (server.py:2925-2945): X-Authorization when present and
/// non-empty, else Authorization; on /agent/... paths only X-Authorization counts.
/// </summary>
public sealed record GatewayCredential(string? HeaderName, Secret? Value, Check Check)
{
    public const string BearerPrefix = "Bearer ";

    public static GatewayCredential Select(GatewayRequest request, bool isAgentPath)
    {
        var x = request.Header("X-Authorization");
        var plain = request.Header("Authorization");
        if (x is not null && !x.IsEmpty)
        {
            var note = plain is not null ? "; Authorization is ignored while X-Authorization is present" : null;
            return new GatewayCredential("X-Authorization", x, new Check(GatewayCheckNames.CredentialHeader, true, $"X-Authorization{note}", "X-Authorization, else Authorization"));
        }

        if (isAgentPath)
        {
            return new GatewayCredential(null, null, new Check(
                GatewayCheckNames.CredentialHeader,
                false,
                plain is null ? "no X-Authorization header on an /agent/ path" : "only Authorization on an /agent/ path",
                "X-Authorization (the only credential header on /agent/ paths)",
                "A2A agent calls carry the gateway credential in X-Authorization; Authorization is left for the agent."));
        }

        if (plain is not null && !plain.IsEmpty)
        {
            return new GatewayCredential("Authorization", plain, new Check(GatewayCheckNames.CredentialHeader, true, "Authorization", "X-Authorization, else Authorization"));
        }

        return new GatewayCredential(null, null, new Check(GatewayCheckNames.CredentialHeader, false, "neither X-Authorization nor Authorization", "Authorization: Bearer <token>"));
    }
}
