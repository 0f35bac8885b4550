namespace McpRegistryAuth.Core.Reporting;

/// <summary>The category of each ErrorId the file readers and writers (Files/) raise.</summary>
public static class FileErrorCategories
{
    public static FailureCategory Of(string errorId) => errorId switch
    {
        "ValueExists" or "TokenFileExists" or "ApiKeyValueDuplicate" => FailureCategory.ResourceExists,
        "FileReadOnly" or "FileUnreadable" or "OwnerNotKept" or "FileLockUnavailable" => FailureCategory.PermissionDenied,
        "FileNotFound" or "FolderNotFound" or "SymbolicLinkDangling" => FailureCategory.ObjectNotFound,
        "FileLocked" => FailureCategory.ResourceBusy,
        "FileChangedDuringEdit" or "FileCreatedMeanwhile" or "FileLockLost" or "FileHasHardLinks" => FailureCategory.InvalidOperation,
        "FileNotRegular" => FailureCategory.InvalidArgument,
        "FileTooLarge" => FailureCategory.LimitsExceeded,
        "FileWriteFailed" => FailureCategory.WriteError,
        "EnvFileIsDirectory" or "TokenFileIsDirectory" or "FileIsDirectory" => FailureCategory.InvalidArgument,
        "TfVarsFileIsDirectory" or "TokensFileIsDirectory" or "ApiKeyEntryInvalid" or "GroupNotWritable" => FailureCategory.InvalidArgument,
        _ => FailureCategory.InvalidData,
    };
}
