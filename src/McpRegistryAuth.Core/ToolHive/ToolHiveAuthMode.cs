namespace McpRegistryAuth.Core.ToolHive;

/// <summary>The two values <c>auth.mode</c> accepts (exact, case-sensitive).</summary>
public static class ToolHiveAuthMode
{
    public const string OAuth = "oauth";
    public const string Anonymous = "anonymous";

    /// <summary>Both values with what each does, for tab completion of -AuthMode.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        (OAuth, "oauth: every API route needs a token from a configured provider"),
        (Anonymous, "anonymous: no authentication; auth.oauth is neither checked nor used"),
    ];
}
