namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>What was (or, under -WhatIf, would be) written to one client's file.</summary>
public sealed record ClientConfigResult
{
    public required McpClient Client { get; init; }

    /// <summary>Null when -Path named the file.</summary>
    public ConfigScope? Scope { get; init; }

    public required string Path { get; init; }

    /// <summary>Created, Updated, Unchanged, or WhatIf.</summary>
    public required string Action { get; init; }

    /// <summary>The entries written, by name.</summary>
    public IReadOnlyList<string> Servers { get; init; } = [];

    /// <summary>Entries left as they were because one of that name exists (no -Force).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>How the client gets the token (input, environment variable, headersHelper, bridge, plain text).</summary>
    public string TokenSource { get; init; } = "";

    /// <summary>True when the file holds a token in plain text (it is then 0600).</summary>
    public bool HoldsToken { get; init; }

    public string? BackupPath { get; init; }

    /// <summary>The change as a line diff, tokens shown by fingerprint.</summary>
    public string Diff { get; init; } = "";

    /// <summary>Files written beside the configuration (the Claude Desktop bridge).</summary>
    public IReadOnlyList<string> SideFiles { get; init; } = [];
}
