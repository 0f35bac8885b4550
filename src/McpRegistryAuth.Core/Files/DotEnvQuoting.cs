namespace McpRegistryAuth.Core.Files;

public enum DotEnvQuoting
{
    None,
    Single,
    Double,
}
