namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// The outcome of <see cref="SigningSecretRule"/>. Message is the start of the server's text (the
/// server's message goes on with advice the reference does not quote, so it is never ExactText).
/// </summary>
public sealed class SigningSecretResult
{
    private SigningSecretResult(Secret value, SigningSecretProblem problem, string? message)
    {
        Value = value;
        Problem = problem;
        Message = message;
    }

    /// <summary>The stripped value the server keeps.</summary>
    public Secret Value { get; }

    public SigningSecretProblem Problem { get; }

    public string? Message { get; }

    public bool IsAccepted => Problem == SigningSecretProblem.None;

    internal static SigningSecretResult Accepted(string value) => new(new Secret(value), SigningSecretProblem.None, null);

    internal static SigningSecretResult Refused(string value, SigningSecretProblem problem, string message) => new(new Secret(value), problem, message);
}
