namespace McpRegistryAuth.Core.ToolHive;

/// <summary>The four fixed roles of the registry API. superAdmin satisfies every role check.</summary>
public enum ToolHiveRole
{
    SuperAdmin,
    ManageSources,
    ManageRegistries,
    ManageEntries,
}
