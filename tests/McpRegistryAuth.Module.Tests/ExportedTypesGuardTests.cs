using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace McpRegistryAuth.Module.Tests;

/// <summary>
/// PowerShell reads every exported type of a binary module's assembly before any of the module's
/// code runs. Loading a type lays out its fields, so a core enum or struct in a field of the cmdlet
/// assembly would make PowerShell look for the core before the loader can point it at
/// Dependencies/. These tests read the built assemblies in a load context that cannot see the core.
/// </summary>
public class ExportedTypesGuardTests
{
    private static readonly string Root = BuiltModule.Instance.Root;

    /// <summary>Resolves PowerShell and the framework as the test host has them; refuses everything in Dependencies/.</summary>
    private sealed class WithoutDependenciesContext : AssemblyLoadContext
    {
        public WithoutDependenciesContext()
            : base("guard-" + Guid.NewGuid(), isCollectible: true)
        {
        }

        public List<string> Refused { get; } = [];

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var candidate = Path.Combine(Root, "Dependencies", assemblyName.Name + ".dll");
            if (File.Exists(candidate))
            {
                Refused.Add(assemblyName.Name!);
                throw new FileNotFoundException($"The guard context does not serve {assemblyName.Name} from Dependencies/.");
            }

            return null;
        }
    }

    [Theory]
    [InlineData("McpRegistryAuth.dll")]
    [InlineData("McpRegistryAuth.Loading.dll")]
    public void ExportedTypes_LoadWithoutTheCore(string assemblyFile)
    {
        var context = new WithoutDependenciesContext();
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.Combine(Root, assemblyFile));
            var exception = Record.Exception(() => assembly.GetExportedTypes());
            Assert.True(exception is null, $"{assemblyFile}: reading its exported types needed {string.Join(", ", context.Refused)}: {exception}");
            Assert.Empty(context.Refused);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// The rule CONTRIBUTING.md states, checked by name so a break is reported with the member at
    /// fault rather than as a load failure: no core enum or struct in any field, no core base type or
    /// interface, and no core type in a public or protected member (parameters included). A private
    /// field of a core class is allowed: the runtime never loads a reference-typed field's type when
    /// it lays out the class.
    /// </summary>
    [Fact]
    public void CmdletAssembly_KeepsCoreTypesOutOfFieldsAndSignatures()
    {
        var offences = new List<string>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in BuiltModule.Instance.CmdletAssembly.GetTypes().Where(t => t.IsPublic || t.IsNestedPublic))
        {
            if (type.BaseType is not null && FromCore(type.BaseType))
            {
                offences.Add($"{type.FullName}: base type {type.BaseType}");
            }

            offences.AddRange(type.GetInterfaces().Where(FromCore).Select(i => $"{type.FullName}: interface {i}"));
            offences.AddRange(type.GetFields(all)
                .Where(f => (f.FieldType.IsValueType || f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && FromCore(f.FieldType))
                .Select(f => $"{type.FullName}.{f.Name}: field of type {f.FieldType}"));
            offences.AddRange(type.GetProperties(all)
                .Where(p => (Visible(p.GetMethod) || Visible(p.SetMethod)) && FromCore(p.PropertyType))
                .Select(p => $"{type.FullName}.{p.Name}: property of type {p.PropertyType}"));
            foreach (var method in type.GetMethods(all).Where(Visible))
            {
                if (FromCore(method.ReturnType) || method.GetParameters().Any(p => FromCore(p.ParameterType)))
                {
                    offences.Add($"{type.FullName}.{method.Name}: core type in its signature");
                }
            }
        }

        Assert.True(offences.Count == 0, "Core types in the cmdlet assembly's types:\n" + string.Join("\n", offences));
    }

    private static bool Visible(MethodBase? member) => member is not null && (member.IsPublic || member.IsFamily || member.IsFamilyOrAssembly);

    private static bool FromCore(Type type)
    {
        if (type.HasElementType)
        {
            return FromCore(type.GetElementType()!);
        }

        if (type.IsGenericType && type.GetGenericArguments().Any(FromCore))
        {
            return true;
        }

        return type.Assembly.GetName().Name == "McpRegistryAuth.Core";
    }
}
