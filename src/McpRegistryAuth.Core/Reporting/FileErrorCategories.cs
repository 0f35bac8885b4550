namespace McpRegistryAuth.Core.Reporting;

/// <summary>The category of each ErrorId the file readers and writers (Files/) raise.</summary>
public static class FileErrorCategories
{
    public static FailureCategory Of(string errorId) => errorId switch
    {
        "ValueExists" or "TokenFileExists" or "ApiKeyValueDuplicate" => FailureCategory.ResourceExists,
        "FileReadOnly" or "FileUnreadable" => FailureCategory.PermissionDenied,
        "FileNotFound" => FailureCategory.ObjectNotFound,
        "EnvFileIsDirectory" or "TokenFileIsDirectory" or "FileIsDirectory" => FailureCategory.InvalidArgument,
        "TfVarsFileIsDirectory" or "TokensFileIsDirectory" or "ApiKeyEntryInvalid" => FailureCategory.InvalidArgument,
        _ => FailureCategory.InvalidData,
    };
}
