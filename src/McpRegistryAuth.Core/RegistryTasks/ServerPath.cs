using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>A gateway server or agent path as its routes take it: one leading '/', e.g. /weather.</summary>
public static class ServerPath
{
    /// <exception cref="CommandFailureException">ServerPathInvalid: empty, or a URL instead of a path.</exception>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim();
        if (trimmed.Trim('/').Length == 0 || trimmed.Contains("://", StringComparison.Ordinal) || trimmed.Contains('?'))
        {
            throw new CommandFailureException("ServerPathInvalid", FailureCategory.InvalidArgument,
                $"'{path}' is not a server path: the gateway names a server by its path, such as /weather.", path,
                "Give -Path as the server's path (Get-RegistryServer lists them), e.g. -Path /weather.");
        }

        return "/" + trimmed.TrimStart('/');
    }
}
