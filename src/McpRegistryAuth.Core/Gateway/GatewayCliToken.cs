namespace McpRegistryAuth.Core.Gateway;

public enum GatewayCliTokenFormat
{
    PlainText,
    Json,
}

/// <summary>A token as the gateway CLI would send it, with the checks made while reading the file.</summary>
public sealed record GatewayCliToken(Secret Token, GatewayCliTokenFormat Format, IReadOnlyList<Check> Checks);
