using System.Xml.Linq;
using Xunit;
using static McpRegistryAuth.HelpBuilder.MamlWriter;

namespace McpRegistryAuth.HelpBuilder.Tests;

/// <summary>The help in the built module against the cmdlets in the built module, so Get-Help -Full shows every cmdlet truthfully.</summary>
public class ModuleHelpTests
{
    private static readonly IReadOnlyList<DeclaredCmdlet> Cmdlets = DeclaredCmdlet.ReadModule(Paths.ModuleOutputRoot);

    private static string MamlPath => Path.Combine(Paths.ModuleOutputRoot, "en-US", HelpGenerator.MamlFileName);

    private static IReadOnlyDictionary<string, XElement> MamlCommands() =>
        File.Exists(MamlPath)
            ? MamlStructure.Commands(XDocument.Load(MamlPath)).ToDictionary(MamlStructure.Name, StringComparer.Ordinal)
            : new Dictionary<string, XElement>();

    private static string Attr(XElement parameter, string name) => (string?)parameter.Attribute(name) ?? "";

    private static string ParameterName(XElement parameter) => parameter.Element(Maml + "name")!.Value;

    [Fact]
    public void ModuleHelp_EveryCmdletHasHelpAndEveryHelpHasACmdlet()
    {
        var maml = MamlCommands();
        Assert.NotEmpty(Cmdlets);
        Assert.Equal(Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal), maml.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ModuleHelp_EveryCommandIsShowableByGetHelp()
    {
        foreach (var command in MamlCommands().Values)
        {
            MamlStructure.AssertShowable(command);
        }
    }

    [Fact]
    public void ModuleHelp_NamesExactlyTheParametersEachCmdletHas_WithTheirTypesAndAliases()
    {
        var maml = MamlCommands();
        foreach (var cmdlet in Cmdlets)
        {
            var parameters = maml[cmdlet.Name].Element(Command + "parameters")!.Elements(Command + "parameter").ToDictionary(ParameterName, StringComparer.Ordinal);
            Assert.True(cmdlet.ParameterNames.SetEquals(parameters.Keys),
                $"{cmdlet.Name}: cmdlet has [{string.Join(", ", cmdlet.ParameterNames.Order())}], help has [{string.Join(", ", parameters.Keys.Order())}]");
            foreach (var declared in cmdlet.ParameterSets.Values.SelectMany(s => s).DistinctBy(p => p.Name))
            {
                var help = parameters[declared.Name];
                Assert.True(declared.Type == help.Element(Dev + "type")!.Element(Maml + "name")!.Value, $"{cmdlet.Name} -{declared.Name}: type {declared.Type}");
                var aliases = declared.Aliases.Count == 0 ? "none" : string.Join(", ", declared.Aliases);
                Assert.True(aliases == Attr(help, "aliases"), $"{cmdlet.Name} -{declared.Name}: aliases {aliases}, help says {Attr(help, "aliases")}");
            }
        }
    }

    [Fact]
    public void ModuleHelp_OneSyntaxItemPerParameterSet_WithRequiredPositionAndPipelineInput()
    {
        var maml = MamlCommands();
        foreach (var cmdlet in Cmdlets)
        {
            var items = maml[cmdlet.Name].Element(Command + "syntax")!.Elements(Command + "syntaxItem")
                .Select(i => i.Elements(Command + "parameter").ToDictionary(ParameterName, StringComparer.Ordinal))
                .ToList();
            Assert.True(cmdlet.ParameterSets.Count == items.Count, $"{cmdlet.Name}: {cmdlet.ParameterSets.Count} parameter set(s), help shows {items.Count}");
            foreach (var (setName, declared) in cmdlet.ParameterSets)
            {
                var item = items.SingleOrDefault(i => i.Keys.ToHashSet().SetEquals(declared.Select(p => p.Name)));
                Assert.True(item is not null, $"{cmdlet.Name}: no syntax item has exactly the parameters of set '{setName}'");
                foreach (var parameter in declared)
                {
                    var help = item[parameter.Name];
                    var where = $"{cmdlet.Name} set '{setName}' -{parameter.Name}";
                    Assert.True(parameter.Mandatory.ToString().ToLowerInvariant() == Attr(help, "required"), $"{where}: required");
                    Assert.True(parameter.Position == Attr(help, "position"), $"{where}: position {parameter.Position}, help {Attr(help, "position")}");
                    var pipeline = (parameter.ByValue, parameter.ByPropertyName) switch
                    {
                        (true, true) => "True (ByValue, ByPropertyName)",
                        (true, false) => "True (ByValue)",
                        (false, true) => "True (ByPropertyName)",
                        _ => "False",
                    };
                    Assert.True(pipeline == Attr(help, "pipelineInput"), $"{where}: pipeline input {pipeline}, help {Attr(help, "pipelineInput")}");
                }
            }
        }
    }
}
