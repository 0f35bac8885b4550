using System.Xml.Linq;
using Xunit;
using static McpRegistryAuth.HelpBuilder.MamlWriter;

namespace McpRegistryAuth.HelpBuilder.Tests;

/// <summary>
/// The MAML structure Get-Help reads for a binary module, asserted element by element: a command it
/// cannot show (no synopsis, a parameter without type or description, an example without code) fails here.
/// </summary>
internal static class MamlStructure
{
    public static IReadOnlyList<XElement> Commands(XDocument maml)
    {
        var root = maml.Root!;
        Assert.Equal(Msh + "helpItems", root.Name);
        Assert.Equal("maml", (string?)root.Attribute("schema"));
        return root.Elements(Command + "command").ToList();
    }

    public static string Name(XElement command) => command.Element(Command + "details")!.Element(Command + "name")!.Value;

    public static void AssertShowable(XElement command)
    {
        var details = Required(command, Command + "details");
        var name = Required(details, Command + "name").Value;
        var verb = Required(details, Command + "verb").Value;
        var noun = Required(details, Command + "noun").Value;
        Assert.Equal(name, $"{verb}-{noun}");
        NonEmptyParas(Required(details, Maml + "description"), $"{name} synopsis");
        NonEmptyParas(Required(command, Maml + "description"), $"{name} description");

        var syntaxItems = Required(command, Command + "syntax").Elements(Command + "syntaxItem").ToList();
        Assert.NotEmpty(syntaxItems);
        foreach (var item in syntaxItems)
        {
            Assert.Equal(name, Required(item, Maml + "name").Value);
            foreach (var parameter in item.Elements(Command + "parameter"))
            {
                AssertParameter(parameter, name, inSyntax: true);
            }
        }

        var parameters = Required(command, Command + "parameters").Elements(Command + "parameter").ToList();
        foreach (var parameter in parameters)
        {
            AssertParameter(parameter, name, inSyntax: false);
        }

        var syntaxNames = syntaxItems.SelectMany(i => i.Elements(Command + "parameter")).Select(p => p.Element(Maml + "name")!.Value).ToHashSet();
        Assert.True(syntaxNames.SetEquals(parameters.Select(p => p.Element(Maml + "name")!.Value)), $"{name}: syntax and parameters name different parameters");

        Assert.NotEmpty(Required(command, Command + "inputTypes").Elements(Command + "inputType"));
        Assert.NotEmpty(Required(command, Command + "returnValues").Elements(Command + "returnValue"));
        foreach (var type in command.Descendants(Command + "inputType").Concat(command.Descendants(Command + "returnValue")))
        {
            Assert.NotEmpty(Required(Required(type, Dev + "type"), Maml + "name").Value);
        }

        var examples = Required(command, Command + "examples").Elements(Command + "example").ToList();
        Assert.True(examples.Count >= 2, $"{name}: fewer than two examples");
        foreach (var example in examples)
        {
            Assert.NotEmpty(Required(example, Maml + "title").Value);
            Assert.NotEmpty(Required(example, Dev + "code").Value);
            NonEmptyParas(Required(example, Dev + "remarks"), $"{name} example remarks");
        }

        var links = Required(command, Command + "relatedLinks").Elements(Maml + "navigationLink").ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.NotEmpty(Required(l, Maml + "linkText").Value));
    }

    private static void AssertParameter(XElement parameter, string command, bool inSyntax)
    {
        var name = Required(parameter, Maml + "name").Value;
        var where = $"{command} -{name}";
        Assert.Contains((string?)parameter.Attribute("required"), new[] { "true", "false" });
        var position = (string?)parameter.Attribute("position");
        Assert.True(position == "named" || int.TryParse(position, out _), $"{where}: position '{position}'");
        var pipeline = (string?)parameter.Attribute("pipelineInput");
        Assert.Contains(pipeline, new[] { "False", "True (ByValue)", "True (ByPropertyName)", "True (ByValue, ByPropertyName)" });
        Assert.NotNull(parameter.Attribute("aliases"));
        Assert.NotNull(parameter.Attribute("globbing"));
        NonEmptyParas(Required(parameter, Maml + "description"), where);
        var type = Required(Required(parameter, Dev + "type"), Maml + "name").Value;
        var isSwitch = type.EndsWith("SwitchParameter", StringComparison.Ordinal);
        Assert.Equal(!isSwitch, parameter.Element(Command + "parameterValue") is not null);
        if (!inSyntax) Required(parameter, Dev + "defaultValue");
    }

    private static XElement Required(XElement parent, XName name) =>
        parent.Element(name) ?? throw new Xunit.Sdk.XunitException($"<{parent.Name.LocalName}> has no <{name.LocalName}>");

    private static void NonEmptyParas(XElement description, string what)
    {
        var paras = description.Elements(Maml + "para").ToList();
        Assert.True(paras.Count > 0 && paras.All(p => p.Value.Trim().Length > 0), $"{what}: empty or missing maml:para");
    }
}
