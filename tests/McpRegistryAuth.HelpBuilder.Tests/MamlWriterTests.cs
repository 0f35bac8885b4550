using System.Xml.Linq;
using Xunit;
using static McpRegistryAuth.HelpBuilder.MamlWriter;

namespace McpRegistryAuth.HelpBuilder.Tests;

public class MamlWriterTests
{
    private static XElement SampleCommand()
    {
        var files = HelpGenerator.Generate(Paths.FixtureDocs);
        var maml = XDocument.Parse(files[HelpGenerator.MamlFileName]);
        return Assert.Single(MamlStructure.Commands(maml));
    }

    private static XElement Parameter(XElement container, string name) =>
        container.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == name);

    [Fact]
    public void Maml_SampleCommandHasEverythingGetHelpShows()
    {
        MamlStructure.AssertShowable(SampleCommand());
    }

    [Fact]
    public void Maml_DetailsCarryNameVerbNounAndSynopsis()
    {
        var details = SampleCommand().Element(Command + "details")!;
        Assert.Equal("Test-Sample", details.Element(Command + "name")!.Value);
        Assert.Equal("Test", details.Element(Command + "verb")!.Value);
        Assert.Equal("Sample", details.Element(Command + "noun")!.Value);
        Assert.Equal("Tests a sample thing.", details.Element(Maml + "description")!.Value);
    }

    [Fact]
    public void Maml_DescriptionParagraphsJoinSoftLineBreaks()
    {
        var paras = SampleCommand().Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value).ToList();
        Assert.Equal(["The `Test-Sample` cmdlet tests a sample thing across two lines.", "It has a second paragraph with a link."], paras);
    }

    [Fact]
    public void Maml_SyntaxHasOneItemPerParameterSet_InSyntaxBlockOrder()
    {
        var items = SampleCommand().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(2, items.Count);
        var names = items.Select(i => i.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).ToArray()).ToList();
        Assert.Equal(["Name", "Mode", "Quiet", "WhatIf", "Confirm"], names[0]);
        Assert.Equal(["Path", "Quiet", "WhatIf", "Confirm"], names[1]);
    }

    [Fact]
    public void Maml_SyntaxUsesEachSetsRequiredAndPosition()
    {
        var items = SampleCommand().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        var name = Parameter(items[0], "Name");
        Assert.Equal("true", (string?)name.Attribute("required"));
        Assert.Equal("0", (string?)name.Attribute("position"));
        var path = Parameter(items[1], "Path");
        Assert.Equal("true", (string?)path.Attribute("required"));
        Assert.Equal("named", (string?)path.Attribute("position"));
    }

    [Fact]
    public void Maml_SwitchParameterHasNoParameterValue()
    {
        var quiet = Parameter(SampleCommand().Element(Command + "parameters")!, "Quiet");
        Assert.Null(quiet.Element(Command + "parameterValue"));
        Assert.Equal("System.Management.Automation.SwitchParameter", quiet.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("False", quiet.Element(Dev + "defaultValue")!.Value);
    }

    [Fact]
    public void Maml_ValueParameterShowsShortTypeAndVariableLengthForArrays()
    {
        var parameters = SampleCommand().Element(Command + "parameters")!;
        Assert.Equal("String", Parameter(parameters, "Name").Element(Command + "parameterValue")!.Value);
        var path = Parameter(parameters, "Path");
        Assert.Equal("String[]", path.Element(Command + "parameterValue")!.Value);
        Assert.Equal("true", (string?)path.Attribute("variableLength"));
        Assert.Equal("true", (string?)path.Attribute("globbing"));
    }

    [Fact]
    public void Maml_PipelineInputNamesByValueAndByPropertyName()
    {
        var parameters = SampleCommand().Element(Command + "parameters")!;
        Assert.Equal("True (ByValue, ByPropertyName)", (string?)Parameter(parameters, "Name").Attribute("pipelineInput"));
        Assert.Equal("True (ByPropertyName)", (string?)Parameter(parameters, "Path").Attribute("pipelineInput"));
        Assert.Equal("False", (string?)Parameter(parameters, "Quiet").Attribute("pipelineInput"));
    }

    [Fact]
    public void Maml_AliasesJoinedOrNone()
    {
        var parameters = SampleCommand().Element(Command + "parameters")!;
        Assert.Equal("N", (string?)Parameter(parameters, "Name").Attribute("aliases"));
        Assert.Equal("none", (string?)Parameter(parameters, "Quiet").Attribute("aliases"));
    }

    [Fact]
    public void Maml_AcceptedValuesBecomeParameterValueGroup_DefaultValueKept()
    {
        var mode = Parameter(SampleCommand().Element(Command + "parameters")!, "Mode");
        var values = mode.Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value);
        Assert.Equal(["Fast", "Slow"], values);
        Assert.Equal("Fast", mode.Element(Dev + "defaultValue")!.Value);
    }

    [Fact]
    public void Maml_ExampleHasTitleCodeOutputThenRemarks()
    {
        var example = SampleCommand().Element(Command + "examples")!.Elements(Command + "example").First();
        Assert.Equal("--------- Example 1 - Test by name ---------", example.Element(Maml + "title")!.Value);
        Assert.Equal("Test-Sample -Name one", example.Element(Dev + "code")!.Value);
        var remarks = example.Element(Dev + "remarks")!.Elements(Maml + "para").Select(p => p.Value).ToList();
        Assert.Equal(["Status Detail\n------ ------\n   200 OK", "The first remark."], remarks);
    }

    [Fact]
    public void Maml_InputsOutputsNotesAndRelatedLinks()
    {
        var command = SampleCommand();
        Assert.Equal("System.String", command.Element(Command + "inputTypes")!.Element(Command + "inputType")!.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("System.Boolean", command.Element(Command + "returnValues")!.Element(Command + "returnValue")!.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("A note.", command.Element(Maml + "alertSet")!.Element(Maml + "alert")!.Element(Maml + "para")!.Value);
        var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
            .Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value)).ToList();
        Assert.Equal([("about_McpRegistryAuth", ""), ("Online", "https://example.com/help")], links);
    }

    [Fact]
    public void Maml_OutputIsDeterministic()
    {
        Assert.Equal(HelpGenerator.Generate(Paths.FixtureDocs)[HelpGenerator.MamlFileName], HelpGenerator.Generate(Paths.FixtureDocs)[HelpGenerator.MamlFileName]);
    }
}
