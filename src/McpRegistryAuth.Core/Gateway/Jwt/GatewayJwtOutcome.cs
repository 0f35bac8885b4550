using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// What the JWT stage's authentication yields: its verdict, and for a self-signed token that passed its
/// checks the claims, which /validate judges again after FGAC (<see cref="TokenKindGate"/>).
/// </summary>
internal sealed record GatewayJwtOutcome(Verdict Verdict, JsonObjectView? SelfSignedClaims);
