namespace McpRegistryAuth.Core.Settings;

/// <summary>A server setting and where it came from (a file and line, or a named source), so findings can point at it.</summary>
public sealed record SettingValue(string Name, string Value, string Source, string? File = null, int? Line = null)
{
    public override string ToString() => File is null ? Source : Line is null ? File : $"{File}:{Line}";
}
