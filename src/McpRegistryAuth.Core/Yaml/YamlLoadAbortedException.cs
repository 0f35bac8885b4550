namespace McpRegistryAuth.Core.Yaml;

/// <summary>Stops a load once a limit was exceeded; the Finding saying why is already recorded.</summary>
internal sealed class YamlLoadAbortedException : Exception
{
}
