namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>One stage of a connection test: whether it passed, how long it took, and what was seen (never a token).</summary>
public sealed record McpConnectionStep(string Name, bool Passed, double Milliseconds, string Detail)
{
    public override string ToString() => $"{Name}: {(Passed ? "passed" : "FAILED")} in {Milliseconds:0.0} ms ({Detail})";
}
