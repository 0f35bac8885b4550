namespace McpRegistryAuth.Core.Files;

/// <summary>How a value that an edit replaces is named in the edit's description.</summary>
internal static class ReplacedValue
{
    /// <summary>Its fingerprint, or "empty": the fingerprint of "" (e3b0c442) would read as a secret that was replaced.</summary>
    public static string Describe(string previous) => previous.Length == 0 ? "empty" : Fingerprint.Of(previous);
}
