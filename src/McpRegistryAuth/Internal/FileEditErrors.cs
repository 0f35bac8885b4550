using System.Management.Automation;
using McpRegistryAuth.Core.Files;

namespace McpRegistryAuth.Internal;

/// <summary>Maps refused file edits to the ErrorCategory PowerShell users filter on.</summary>
internal static class FileEditErrors
{
    public static ErrorCategory CategoryOf(string errorId) => errorId switch
    {
        "ValueExists" or "TokenFileExists" => ErrorCategory.ResourceExists,
        "FileReadOnly" or "FileUnreadable" or "OwnerNotKept" or "FileLockUnavailable" => ErrorCategory.PermissionDenied,
        "FileNotFound" or "FolderNotFound" or "SymbolicLinkDangling" => ErrorCategory.ObjectNotFound,
        "FileLocked" => ErrorCategory.ResourceBusy,
        "FileChangedDuringEdit" or "FileCreatedMeanwhile" or "FileLockLost" or "FileHasHardLinks" => ErrorCategory.InvalidOperation,
        "FileNotRegular" => ErrorCategory.InvalidArgument,
        "FileTooLarge" => ErrorCategory.LimitsExceeded,
        "FileWriteFailed" => ErrorCategory.WriteError,
        "EnvFileIsDirectory" or "TokenFileIsDirectory" or "FileIsDirectory" => ErrorCategory.InvalidArgument,
        "TfVarsFileIsDirectory" or "TokensFileIsDirectory" or "ApiKeyEntryInvalid" or "GroupNotWritable" => ErrorCategory.InvalidArgument,
        "ApiKeyValueDuplicate" => ErrorCategory.ResourceExists,
        _ => ErrorCategory.InvalidData,
    };

    public static ErrorRecord ToErrorRecord(FileEditException ex) =>
        new(ex, ex.ErrorId, CategoryOf(ex.ErrorId), ex.Path);

    public static ErrorRecord ToErrorRecord(FileContentException ex) =>
        new(ex, ex.ErrorId, CategoryOf(ex.ErrorId), ex.Path);
}
