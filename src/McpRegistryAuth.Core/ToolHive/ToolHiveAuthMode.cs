namespace McpRegistryAuth.Core.ToolHive;

/// <summary>The two values <c>auth.mode</c> accepts (exact, case-sensitive).</summary>
public static class ToolHiveAuthMode
{
    public const string OAuth = "oauth";
    public const string Anonymous = "anonymous";
}
