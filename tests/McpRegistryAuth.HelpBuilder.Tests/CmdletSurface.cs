using System.Reflection;
using System.Runtime.InteropServices;

namespace McpRegistryAuth.HelpBuilder.Tests;

/// <summary>One parameter of a cmdlet in one parameter set, as its attributes declare it.</summary>
internal sealed record DeclaredParameter(string Name, string Type, bool Mandatory, string Position, bool ByValue, bool ByPropertyName, IReadOnlyList<string> Aliases);

/// <summary>A cmdlet of the built module read through MetadataLoadContext: its name and parameters per set.</summary>
internal sealed record DeclaredCmdlet(string Name, IReadOnlyDictionary<string, IReadOnlyList<DeclaredParameter>> ParameterSets)
{
    public const string AllSets = "__AllParameterSets";

    public IReadOnlySet<string> ParameterNames => ParameterSets.Values.SelectMany(s => s).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads every [Cmdlet] type of the module assembly without loading it for execution.</summary>
    public static IReadOnlyList<DeclaredCmdlet> ReadModule(string moduleRoot)
    {
        var moduleDll = Path.Combine(moduleRoot, "McpRegistryAuth.dll");
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(Path.Combine(moduleRoot, "Dependencies"), "*.dll"))
            .Append(Path.Combine(AppContext.BaseDirectory, "ref", "System.Management.Automation.dll"))
            .Append(moduleDll);
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        var assembly = context.LoadFromAssemblyPath(moduleDll);
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract)
            .Select(t => (Type: t, Cmdlet: Attribute(t.GetCustomAttributesData(), "CmdletAttribute")))
            .Where(x => x.Cmdlet is not null)
            .Select(x => Read(x.Type, x.Cmdlet!))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static DeclaredCmdlet Read(Type type, CustomAttributeData cmdlet)
    {
        var name = $"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}";
        var declared = new List<(string Set, DeclaredParameter Parameter)>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attributes = property.GetCustomAttributesData();
            var aliases = attributes.Where(a => a.AttributeType.Name == "AliasAttribute")
                .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!))
                .ToArray();
            foreach (var parameter in attributes.Where(a => a.AttributeType.Name == "ParameterAttribute"))
            {
                T Named<T>(string key, T fallback) =>
                    parameter.NamedArguments.Where(n => n.MemberName == key).Select(n => (T)n.TypedValue.Value!).DefaultIfEmpty(fallback).First();
                var position = Named("Position", int.MinValue);
                declared.Add((Named("ParameterSetName", AllSets), new DeclaredParameter(property.Name, HelpTypeName(property.PropertyType),
                    Named("Mandatory", false), position == int.MinValue ? "named" : position.ToString(), Named("ValueFromPipeline", false),
                    Named("ValueFromPipelineByPropertyName", false), aliases)));
            }
        }

        if (Named(cmdlet, "SupportsShouldProcess"))
        {
            declared.Add((AllSets, new DeclaredParameter("WhatIf", "System.Management.Automation.SwitchParameter", false, "named", false, false, ["wi"])));
            declared.Add((AllSets, new DeclaredParameter("Confirm", "System.Management.Automation.SwitchParameter", false, "named", false, false, ["cf"])));
        }

        // Parameters of __AllParameterSets belong to every named set, as PowerShell binds them.
        var named = declared.Select(d => d.Set).Where(s => s != AllSets).Distinct().ToList();
        var sets = new Dictionary<string, IReadOnlyList<DeclaredParameter>>();
        if (named.Count == 0)
        {
            sets[AllSets] = declared.Select(d => d.Parameter).ToList();
        }
        else
        {
            foreach (var set in named)
            {
                sets[set] = declared.Where(d => d.Set == set || d.Set == AllSets).Select(d => d.Parameter).ToList();
            }
        }

        return new DeclaredCmdlet(name, sets);
    }

    // Get-Help shows a nullable value parameter (RegistryType?) as its underlying type.
    private static string HelpTypeName(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0].FullName! : type.FullName!;

    private static bool Named(CustomAttributeData attribute, string key) =>
        attribute.NamedArguments.Any(n => n.MemberName == key && n.TypedValue.Value is true);

    private static CustomAttributeData? Attribute(IEnumerable<CustomAttributeData> attributes, string name) =>
        attributes.FirstOrDefault(a => a.AttributeType.Name == name && a.AttributeType.Namespace == "System.Management.Automation");
}
