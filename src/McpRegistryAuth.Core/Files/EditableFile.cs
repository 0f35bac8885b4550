namespace McpRegistryAuth.Core.Files;

/// <summary>Reading an existing file before an edit: refused when read-only (unless forced), strict UTF-8.</summary>
public static class EditableFile
{
    public static TextFileContent ReadForEdit(string path, bool force)
    {
        if (AtomicFileWriter.IsReadOnly(path) && !force)
        {
            throw new FileEditException(path, "FileReadOnly", $"'{path}' is read-only. Use -Force to replace it anyway.");
        }

        try
        {
            return TextFileContent.Read(path);
        }
        catch (FileContentException ex)
        {
            throw new FileEditException(path, ex.ErrorId, ex.Message, ex.Line);
        }
    }
}
