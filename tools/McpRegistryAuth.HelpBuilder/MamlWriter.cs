using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace McpRegistryAuth.HelpBuilder;

/// <summary>
/// Writes command help as the MAML document Get-Help reads for a binary module
/// (&lt;assembly&gt;.dll-Help.xml): helpItems / command:command with details, description, syntax (one
/// syntaxItem per parameter set), parameters, inputTypes, returnValues, alertSet, examples, relatedLinks.
/// Element order and attribute forms follow Microsoft.PowerShell.PlatyPS's Export-MamlCommandHelp.
/// </summary>
public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    public static string Write(IEnumerable<CommandHelp> commands)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            commands.OrderBy(c => c.Name, StringComparer.Ordinal).Select(CommandElement));
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement CommandElement(CommandHelp help) =>
        new(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Verb),
                new XElement(Command + "noun", help.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", help.Syntax.Select(set => SyntaxItem(help, set))),
            new XElement(Command + "parameters", help.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal).Select(Parameter)),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeValue("inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeValue("returnValue", t))),
            new XElement(Maml + "alertSet", help.Notes.Count == 0 ? null : new XElement(Maml + "alert", Paras(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select(Example)),
            new XElement(Command + "relatedLinks", help.RelatedLinks.Select(Link)));

    private static XElement SyntaxItem(CommandHelp help, SyntaxSet set)
    {
        var members = help.Parameters
            .Select(p => (Parameter: p, Set: p.In(set.Name)))
            .Where(x => x.Set is not null)
            .OrderBy(x => MentionIndex(set.SyntaxText, x.Parameter.Name))
            .Select(x => ParameterElement(x.Parameter, x.Set!, withDefault: false));
        return new XElement(Command + "syntaxItem", new XElement(Maml + "name", help.Name), members);
    }

    // Get-Help lists a set's parameters in MAML order; the page's syntax block is the order people wrote.
    private static int MentionIndex(string syntax, string name)
    {
        var index = syntax.IndexOf("-" + name + " ", StringComparison.OrdinalIgnoreCase);
        if (index < 0) index = syntax.IndexOf("-" + name + "]", StringComparison.OrdinalIgnoreCase);
        if (index < 0) index = syntax.IndexOf("-" + name, StringComparison.OrdinalIgnoreCase);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>The parameters section describes each parameter once, with its first set's position.</summary>
    private static XElement Parameter(ParameterHelp parameter)
    {
        var first = parameter.ParameterSets[0];
        var merged = first with
        {
            IsRequired = parameter.ParameterSets.Any(s => s.IsRequired),
            ValueFromPipeline = parameter.ParameterSets.Any(s => s.ValueFromPipeline),
            ValueFromPipelineByPropertyName = parameter.ParameterSets.Any(s => s.ValueFromPipelineByPropertyName),
        };
        return ParameterElement(parameter, merged, withDefault: true);
    }

    private static XElement ParameterElement(ParameterHelp parameter, ParameterSetMembership set, bool withDefault) =>
        new(Command + "parameter",
            new XAttribute("required", Bool(set.IsRequired)),
            new XAttribute("variableLength", Bool(parameter.Type.EndsWith("[]", StringComparison.Ordinal))),
            new XAttribute("globbing", Bool(parameter.SupportsWildcards)),
            new XAttribute("pipelineInput", PipelineInput(set)),
            new XAttribute("position", set.IsNamed ? "named" : set.Position),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(parameter.Description),
            parameter.AcceptedValues.Count == 0 ? null : new XElement(Command + "parameterValueGroup",
                parameter.AcceptedValues.Select(v => new XElement(Command + "parameterValue",
                    new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))),
            parameter.IsSwitch ? null : new XElement(Command + "parameterValue",
                new XAttribute("required", "true"), new XAttribute("variableLength", Bool(parameter.Type.EndsWith("[]", StringComparison.Ordinal))),
                parameter.ShortType),
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.Type), new XElement(Maml + "uri")),
            withDefault ? new XElement(Dev + "defaultValue", parameter.DefaultValue.Length == 0 ? (parameter.IsSwitch ? "False" : "None") : parameter.DefaultValue) : null);

    private static string PipelineInput(ParameterSetMembership set) => (set.ValueFromPipeline, set.ValueFromPipelineByPropertyName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    private static XElement TypeValue(string elementName, TypeEntry type) =>
        new(Command + elementName,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            Description(type.Description));

    private static XElement Example(ExampleHelp example)
    {
        var remarks = new List<string>();
        if (example.Output.Length > 0) remarks.Add(example.Output);
        remarks.AddRange(example.Remarks);
        return new XElement(Command + "example",
            new XElement(Maml + "title", $"--------- {example.Title} ---------"),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paras(remarks)));
    }

    private static XElement Link(RelatedLink link) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", link.Text), new XElement(Maml + "uri", link.Uri));

    private static XElement Description(string paragraph) => Description([paragraph]);

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Bool(bool value) => value ? "true" : "false";
}
