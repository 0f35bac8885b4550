using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace McpRegistryAuth.Core.Tests;

/// <summary>
/// The catalogs of finding codes (public static classes of the core named <c>*Codes</c>) and of check names
/// (<c>*CheckNames</c>), found by reflection so a new catalog is covered as soon as it exists: each value is
/// declared once, has a one-line doc comment and a line in the about topic, and src/ spells none of them as a
/// literal outside its catalog.
/// </summary>
public sealed partial class CatalogTests
{
    private sealed record Constant(Type Catalog, string Field, string Value)
    {
        public override string ToString() => $"{Catalog.Name}.{Field} = \"{Value}\"";
    }

    private static readonly IReadOnlyList<Constant> Codes = ConstantsOf("Codes");
    private static readonly IReadOnlyList<Constant> CheckNames = ConstantsOf("CheckNames");

    [Fact]
    public void Catalogs_HoldCodesOfTheShapeLettersThenThreeDigits()
    {
        Assert.NotEmpty(Codes);
        Assert.All(Codes, c => Assert.Matches(CodeShape(), c.Value));
    }

    [Fact]
    public void Catalogs_HoldCheckNamesOfDottedWords()
    {
        Assert.NotEmpty(CheckNames);
        Assert.All(CheckNames, c => Assert.Matches(CheckNameShape(), c.Value));
    }

    [Fact]
    public void EveryCodeAndCheckName_IsDeclaredOnce()
    {
        var twice = Codes.Concat(CheckNames).GroupBy(c => c.Value, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => string.Join(" and ", g)).ToList();
        Assert.True(twice.Count == 0, "Declared more than once: " + string.Join("; ", twice));
    }

    [Fact]
    public void EveryCodeAndCheckName_HasAOneLineDocComment()
    {
        var xml = Path.ChangeExtension(typeof(Check).Assembly.Location, ".xml");
        var summaries = XDocument.Load(xml).Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, m => string.Concat(m.Element("summary")?.Nodes() ?? []).Trim());
        var missing = Codes.Concat(CheckNames)
            .Where(c => !summaries.TryGetValue($"F:{c.Catalog.FullName}.{c.Field}", out var summary) || summary.Length == 0 || summary.Contains('\n'))
            .ToList();
        Assert.True(missing.Count == 0, "No one-line <summary>: " + string.Join("; ", missing));
    }

    [Fact]
    public void EveryCode_IsListedInTheAboutTopic_AndNothingElse() =>
        AssertListed("Finding codes", Codes);

    [Fact]
    public void EveryCheckName_IsListedInTheAboutTopic_AndNothingElse() =>
        AssertListed("Check names", CheckNames);

    [Fact]
    public void NoCodeOrCheckNameLiteral_OutsideTheCatalogs()
    {
        // A literal that starts like a code of a known prefix, or like a check name of a known family
        // (whole names, prefixes and interpolated names alike). Comment lines may name them.
        var prefixes = Codes.Select(c => CodeShape().Match(c.Value).Groups[1].Value).Distinct().Order();
        var roots = CheckNames.Select(c => c.Value[..c.Value.IndexOf('.')]).Distinct().Order();
        var literal = new Regex($"\"(?:(?:{string.Join('|', prefixes)})\\d{{3}}\\b|(?:{string.Join('|', roots)})\\.[A-Z{{])[^\"]*\"?");
        var catalogFiles = Codes.Concat(CheckNames).Select(c => c.Catalog.Name + ".cs").ToHashSet(StringComparer.Ordinal);
        var src = Path.Combine(RepoRoot, "src");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoRoot, file).Replace('\\', '/');
            if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal) || catalogFiles.Contains(Path.GetFileName(file)))
                continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) && literal.Match(lines[i]) is { Success: true } match)
                    found.Add($"{relative}:{i + 1}: {match.Value}");
            }
        }

        Assert.True(found.Count == 0, "Use the catalog's constant instead of: " + string.Join("; ", found));
    }

    private static void AssertListed(string section, IReadOnlyList<Constant> constants)
    {
        var about = File.ReadAllText(Path.Combine(RepoRoot, "docs", "about_McpRegistryAuth.md")).ReplaceLineEndings("\n");
        var start = about.IndexOf($"\n## {section}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/about_McpRegistryAuth.md has no '## {section}' section.");
        var end = about.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var listed = ListEntry().Matches(about[start..(end < 0 ? about.Length : end)]).Select(m => m.Groups[1].Value).ToList();
        var declared = constants.Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(declared.Except(listed, StringComparer.Ordinal));
        Assert.Empty(listed.Except(declared, StringComparer.Ordinal));
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
    }

    private static IReadOnlyList<Constant> ConstantsOf(string suffix) =>
        typeof(Check).Assembly.GetExportedTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name.EndsWith(suffix, StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => new Constant(t, f.Name, (string)f.GetRawConstantValue()!)))
            .ToList();

    private static string RepoRoot =>
        typeof(CatalogTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [GeneratedRegex(@"^([A-Z]+)\d{3}$")]
    private static partial Regex CodeShape();

    // Words joined by dots; a family prefix ends with the dot.
    [GeneratedRegex(@"^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)+\.?$")]
    private static partial Regex CheckNameShape();

    // One line of the about topic's list: "- `VALUE`: meaning".
    [GeneratedRegex(@"^- `([^`]+)`: \S", RegexOptions.Multiline)]
    private static partial Regex ListEntry();
}
