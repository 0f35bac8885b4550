namespace McpRegistryAuth.Core.Files;

/// <summary>One assignment in a .env file. Start/End are character offsets of the whole assignment text (newline excluded).</summary>
public sealed record DotEnvEntry(string Key, string Value, int Line, int Start, int End, bool Exported, DotEnvQuoting Quoting)
{
    /// <summary>Never the value: it may be a secret.</summary>
    public override string ToString() => $"{Key} (line {Line})";
}
