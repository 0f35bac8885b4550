namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The user's folders the module keeps state in: settings (profiles) in the config folder, the token cache
/// in the data folder. On Linux .NET reads XDG_CONFIG_HOME and XDG_DATA_HOME, else ~/.config and ~/.local/share.
/// </summary>
public static class UserFolders
{
    public const string ModuleFolder = "McpRegistryAuth";

    public static string Config => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), ModuleFolder);

    public static string Data => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), ModuleFolder);

    /// <summary>Creates the folder, readable by the user alone on Unix (tokens and settings sit in it).</summary>
    public static string Ensure(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }
}
