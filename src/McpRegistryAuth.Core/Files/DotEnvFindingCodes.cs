namespace McpRegistryAuth.Core.Files;

/// <summary>Stable codes of findings about a docker compose <c>.env</c> file (ENV0xx).</summary>
public static class DotEnvFindingCodes
{
    /// <summary>A line that is not a KEY=VALUE assignment, or has no name before '='.</summary>
    public const string NotAnAssignment = "ENV001";

    /// <summary>A variable is assigned more than once; docker compose uses the last line.</summary>
    public const string DuplicateKey = "ENV002";

    /// <summary>A value opens a quote that is never closed.</summary>
    public const string UnterminatedQuote = "ENV003";
}
