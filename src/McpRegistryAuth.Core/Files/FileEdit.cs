namespace McpRegistryAuth.Core.Files;

/// <summary>
/// A planned write of a file holding a secret: the complete new content, and what changes, described
/// without the secret (for -WhatIf, -Verbose and ShouldProcess). Plan it inside a
/// <see cref="FileEditSession"/> and write it with the session's Commit, so the read and the write
/// happen under the file's lock.
/// </summary>
public sealed record FileEdit(string Path, string NewText, bool CreatesFile, IReadOnlyList<string> Changes, IReadOnlyList<string> Warnings)
{
    /// <summary>Writes this edit alone, locked; it is checked against the file as it is now, not as it was planned.</summary>
    public IReadOnlyList<string> Apply()
    {
        using var session = FileEditSession.Begin([Path]);
        return session.Commit([this]);
    }

    /// <summary>Never the content: it holds a secret.</summary>
    public override string ToString() => Description;

    public string Description => $"{(CreatesFile ? "Create" : "Update")} '{Path}': {string.Join("; ", Changes)}";
}
