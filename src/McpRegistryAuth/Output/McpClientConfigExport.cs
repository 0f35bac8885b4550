using McpRegistryAuth.Core.ClientConfig;

namespace McpRegistryAuth.Output;

/// <summary>
/// What Export-McpClientConfig wrote (or, under -WhatIf, would write) to one client's file. Diff shows a
/// token only by its fingerprint.
/// </summary>
public sealed class McpClientConfigExport
{
    public string Client { get; init; } = "";

    /// <summary>User, Project or Local; empty when -Path named the file.</summary>
    public string Scope { get; init; } = "";

    public string Path { get; init; } = "";

    /// <summary>Created, Updated, Unchanged or WhatIf.</summary>
    public string Action { get; init; } = "";

    public string[] Servers { get; init; } = [];

    /// <summary>Entries left as they were: one of that name exists and -Force was not given.</summary>
    public string[] Skipped { get; init; } = [];

    public string TokenSource { get; init; } = "";

    public bool HoldsToken { get; init; }

    public string? BackupPath { get; init; }

    public string[] SideFiles { get; init; } = [];

    public string Diff { get; init; } = "";

    internal static McpClientConfigExport From(ClientConfigResult result) => new()
    {
        Client = result.Client.ToString(),
        Scope = result.Scope?.ToString() ?? "",
        Path = result.Path,
        Action = result.Action,
        Servers = [.. result.Servers],
        Skipped = [.. result.Skipped],
        TokenSource = result.TokenSource,
        HoldsToken = result.HoldsToken,
        BackupPath = result.BackupPath,
        SideFiles = [.. result.SideFiles],
        Diff = result.Diff,
    };
}
