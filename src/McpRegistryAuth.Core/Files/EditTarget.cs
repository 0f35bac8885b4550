namespace McpRegistryAuth.Core.Files;

/// <summary>
/// Where an edit of a user-given path really goes: a symbolic link is followed to the file it names
/// (the link stays a link), and paths that cannot be replaced by rename without harm are refused before
/// anything is read or written: a dangling link, a missing folder, a FIFO or device, a file with other
/// hard links (a rename would leave them with the old content).
/// </summary>
public sealed record EditTarget(string RequestedPath, string Path, string? Note)
{
    public static EditTarget Resolve(string requestedPath)
    {
        var full = System.IO.Path.GetFullPath(requestedPath);
        var path = full;
        string? note = null;
        var own = FileStatus.Of(full, followLinks: false);
        if (own.Kind == FileKind.SymbolicLink)
        {
            var final = File.ResolveLinkTarget(full, returnFinalTarget: true);
            if (final is null || !final.Exists && !Directory.Exists(final.FullName))
            {
                throw new FileEditException(full, "SymbolicLinkDangling",
                    $"'{full}' is a symbolic link to '{new FileInfo(full).LinkTarget}', which does not exist. Create that file, or give the path of a regular file.");
            }

            path = final.FullName;
            note = $"'{full}' is a symbolic link: editing the file it points to, '{path}'; the link stays as it is.";
        }

        var folder = System.IO.Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new FileEditException(full, "FolderNotFound", $"The folder '{folder}' of '{full}' does not exist; create it first. No file was written.");
        }

        var status = FileStatus.Of(path);
        if (status.Kind is not (FileKind.Regular or FileKind.Missing or FileKind.Directory))
        {
            throw new FileEditException(full, "FileNotRegular",
                $"'{path}' is {FileStatus.Describe(status.Kind)}, not a regular file; it is never replaced (not even with -Force). Give the path of a regular file.");
        }

        if (status.Kind == FileKind.Regular && status.LinkCount is > 1)
        {
            throw new FileEditException(full, "FileHasHardLinks",
                $"'{path}' has {status.LinkCount} hard links. Replacing it would give only this name the new content while the other names keep the old one. Remove the other links (or copy the file) and run again.");
        }

        return new EditTarget(full, path, note);
    }
}
