namespace McpRegistryAuth.Core.Files;

/// <summary>
/// New content written and flushed to a temporary file beside its target, with the target's owner and
/// group, waiting to be renamed over it. <see cref="Commit"/> renames; <see cref="Discard"/> removes it.
/// </summary>
public sealed class StagedFile
{
    internal StagedFile(string targetPath, string tempPath, IReadOnlyList<string> notes)
    {
        TargetPath = targetPath;
        TempPath = tempPath;
        Notes = notes;
    }

    public string TargetPath { get; }

    public string TempPath { get; }

    /// <summary>What changes besides the content (mode), for Verbose.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// Renames the temporary file over the target. With exclusive, the target must not exist: it is
    /// claimed with an exclusive create first, so a file another process created meanwhile is never
    /// replaced.
    /// </summary>
    public void Commit(bool exclusive)
    {
        if (exclusive)
        {
            var claim = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                claim.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                new FileStream(TargetPath, claim).Dispose();
            }
            catch (IOException) when (File.Exists(TargetPath))
            {
                throw new FileEditException(TargetPath, "FileCreatedMeanwhile", $"'{TargetPath}' was created by someone else while this edit ran; it is left as it is. Run again (with -Force to replace it).");
            }
        }

        File.Move(TempPath, TargetPath, overwrite: true);
    }

    public void Discard() => AtomicFileWriter.TryDelete(TempPath);
}
