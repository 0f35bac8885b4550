using McpRegistryAuth.Core.Files;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>Plans the files New-RegistryApiToken writes for the gateway: its .env and the CLI's --token-file.</summary>
public static class StaticTokenFileWriters
{
    /// <summary>REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true and REGISTRY_API_TOKEN=&lt;token&gt; in a new or existing .env.</summary>
    public static FileEdit PlanEnvFile(string path, Secret token, bool force)
    {
        var editor = DotEnvEditor.Open(path, force);
        editor.SetValue(GatewaySettingNames.StaticTokenAuthEnabled, "true");
        editor.SetSecret(GatewaySettingNames.ApiToken, token);
        return editor.ToEdit();
    }

    /// <summary>The token and a newline: the gateway CLI strips plain-text token files.</summary>
    public static FileEdit PlanTokenFile(string path, Secret token, bool force)
    {
        if (Directory.Exists(path))
        {
            throw new FileEditException(path, "TokenFileIsDirectory", $"'{path}' is a directory; give the path of the token file.");
        }

        var exists = File.Exists(path);
        if (exists && !force)
        {
            throw new FileEditException(path, "TokenFileExists", $"'{path}' already exists. Use -Force to replace it.");
        }

        return new FileEdit(path, token.Reveal() + "\n", !exists, [$"{(exists ? "replace" : "write")} token {token.Fingerprint}"], []);
    }
}
