namespace McpRegistryAuth.Core.Tokens;

/// <summary>The result of verifying a JWS signature with one key.</summary>
public sealed record SignatureOutcome(bool Valid, string? Problem)
{
    public static SignatureOutcome Ok { get; } = new(true, null);

    public static SignatureOutcome Invalid(string problem) => new(false, problem);
}
