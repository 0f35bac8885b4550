using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Internal;

/// <summary>The core's registry records as this assembly's output objects (no core type may be public here).</summary>
internal static class RegistryRecords
{
    public static RegistryServer ToServer(RegistryServerRecord r, Uri registry) => new()
    {
        Name = r.Name, Path = r.Path, Url = r.Url, Enabled = r.Enabled, Description = r.Description, ProxyPassUrl = r.ProxyPassUrl,
        Tags = r.Tags, ToolCount = r.ToolCount, Version = r.Version, ETag = r.ETag, RegistryUrl = Text(registry),
    };

    public static RegistryGroup ToGroup(RegistryGroupRecord r, Uri registry) => new()
    {
        Name = r.Name, Description = r.Description, Servers = r.Servers, RegistryUrl = Text(registry),
    };

    public static RegistryAgent ToAgent(RegistryAgentRecord r, Uri registry) => new()
    {
        Name = r.Name, Path = r.Path, Url = r.Url, Enabled = r.Enabled, Version = r.Version, Description = r.Description,
        Tags = r.Tags, SkillCount = r.SkillCount, RegistryUrl = Text(registry),
    };

    private static string Text(Uri registry) => registry.AbsoluteUri.TrimEnd('/');
}
