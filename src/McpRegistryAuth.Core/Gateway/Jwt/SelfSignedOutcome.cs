using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>What the 1.32 self-signed verifier decided: the verified claims, the message of its ValueError, or that it could not be evaluated.</summary>
/// <param name="Claims">The verified claims; null when the token failed or was not evaluated.</param>
/// <param name="Message">The verifier's ValueError message when it failed.</param>
/// <param name="NotEvaluated">A setting or key needed to decide was not given.</param>
/// <param name="ServerDoesNotStart">The settings keep the auth server from starting (SECRET_KEY too short): there is no answer.</param>
internal sealed record SelfSignedOutcome(JsonObjectView? Claims, string? Message, bool NotEvaluated, bool ServerDoesNotStart = false)
{
    /// <summary>The failure depends on a fact not given (a key at the default mount path).</summary>
    public bool Provisional { get; init; }
}
