namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// Where a user's client files live: the home folder, the per-user application-data folder of the OS
/// (%APPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config on Linux)
/// and the project folder (the current location) for Project and Local scopes.
/// </summary>
public sealed record ClientConfigContext(string Home, string AppData, string ProjectDirectory, bool IsWindows)
{
    public static ClientConfigContext ForCurrentUser(string projectDirectory)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
        var appData = OperatingSystem.IsMacOS()
            ? Path.Combine(home, "Library", "Application Support")
            : Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return new ClientConfigContext(home, appData, projectDirectory, OperatingSystem.IsWindows());
    }

    /// <summary>VS Code's user folder (its user mcp.json and the extensions' globalStorage live there).</summary>
    public string VSCodeUser => Path.Combine(AppData, "Code", "User");
}
