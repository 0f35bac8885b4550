namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>Outcome of Python's <c>in</c> test: Error is the TypeError that makes the gateway deny.</summary>
public enum Membership : byte
{
    No,
    Yes,
    Error,
}
