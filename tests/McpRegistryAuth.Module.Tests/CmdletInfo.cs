using System.Reflection;

namespace McpRegistryAuth.Module.Tests;

/// <summary>A cmdlet class read through metadata: its name, parameters and their Parameter attributes.</summary>
public sealed class CmdletInfo
{
    public CmdletInfo(Type type, CustomAttributeData attribute)
    {
        Type = type;
        Verb = (string)attribute.ConstructorArguments[0].Value!;
        Noun = (string)attribute.ConstructorArguments[1].Value!;
        DefaultParameterSetName = Named(attribute, "DefaultParameterSetName") as string;
        SupportsShouldProcess = Named(attribute, "SupportsShouldProcess") as bool? ?? false;
        Parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => new ParameterInfo(p))
            .Where(p => p.Sets.Count > 0)
            .ToList();
    }

    public Type Type { get; }

    public string Verb { get; }

    public string Noun { get; }

    public string Name => $"{Verb}-{Noun}";

    public string? DefaultParameterSetName { get; }

    public bool SupportsShouldProcess { get; }

    public IReadOnlyList<ParameterInfo> Parameters { get; }

    public IReadOnlyList<CustomAttributeData> OutputTypes =>
        Type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute").ToList();

    public IReadOnlyList<string> ParameterSetNames =>
        Parameters.SelectMany(p => p.Sets.Select(s => s.Name)).Where(n => n != ParameterSetUsage.AllSets).Distinct().ToList();

    public ParameterInfo Parameter(string name) => Parameters.Single(p => p.Name == name);

    internal static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.MemberName == name).TypedValue.Value;
}

/// <summary>One [Parameter] attribute: a parameter's use in one set.</summary>
public sealed record ParameterSetUsage(string Name, bool Mandatory, int? Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName)
{
    public const string AllSets = "__AllParameterSets";
}

public sealed class ParameterInfo
{
    public ParameterInfo(PropertyInfo property)
    {
        Property = property;
        Sets = property.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute")
            .Select(a => new ParameterSetUsage(
                CmdletInfo.Named(a, "ParameterSetName") as string ?? ParameterSetUsage.AllSets,
                CmdletInfo.Named(a, "Mandatory") as bool? ?? false,
                CmdletInfo.Named(a, "Position") is int p && p >= 0 ? p : null,
                CmdletInfo.Named(a, "ValueFromPipeline") as bool? ?? false,
                CmdletInfo.Named(a, "ValueFromPipelineByPropertyName") as bool? ?? false))
            .ToList();
        Aliases = property.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.AliasAttribute")
            .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!))
            .ToList();
    }

    public PropertyInfo Property { get; }

    public string Name => Property.Name;

    public Type Type => Property.PropertyType;

    public IReadOnlyList<ParameterSetUsage> Sets { get; }

    public IReadOnlyList<string> Aliases { get; }
}
