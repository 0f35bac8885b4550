namespace McpRegistryAuth.Core.Files;

/// <summary>
/// A planned write of a file holding a secret: the complete new content, and what changes, described
/// without the secret (for -WhatIf, -Verbose and ShouldProcess). Apply with <see cref="AtomicFileWriter"/>.
/// </summary>
public sealed record FileEdit(string Path, string NewText, bool CreatesFile, IReadOnlyList<string> Changes, IReadOnlyList<string> Warnings)
{
    public void Apply() => AtomicFileWriter.WriteAllText(Path, NewText);

    /// <summary>Never the content: it holds a secret.</summary>
    public override string ToString() => Description;

    public string Description => $"{(CreatesFile ? "Create" : "Update")} '{Path}': {string.Join("; ", Changes)}";
}
