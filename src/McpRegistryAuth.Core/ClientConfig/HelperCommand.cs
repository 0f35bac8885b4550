namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// The command line of Claude Code's headersHelper: the absolute pwsh, importing this module by its
/// absolute path, printing the header JSON for the server's URL from the profile. Claude Code runs it
/// through the shell, so the executable is double-quoted; PowerShell strings inside are single-quoted.
/// </summary>
public static class HelperCommand
{
    public static string ForHeaders(ClientCredential credential, string profile, Uri serverUrl)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(serverUrl);
        var script = $"Import-Module {Single(credential.ModulePath)}; Get-McpAccessToken -Profile {Single(profile)} " +
            $"-RegistryType {credential.RegistryType} -RegistryUri {Single(serverUrl.AbsoluteUri)} -As HeaderJson -AsPlainText";
        return $"{Double(credential.PwshPath)} -NoProfile -NonInteractive -Command {Double(script)}";
    }

    /// <summary>A PowerShell single-quoted string.</summary>
    public static string Single(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A double-quoted shell word (POSIX sh and cmd.exe both take it when it holds no '"', '$' or '`').</summary>
    public static string Double(string value) => "\"" + value.Replace("\\\"", "\\\\\"", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("$", "\\$", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "\"";
}
