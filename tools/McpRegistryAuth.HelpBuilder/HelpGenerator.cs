namespace McpRegistryAuth.HelpBuilder;

/// <summary>
/// Reads every page in docs/ and produces the en-US help files by name: one MAML file for all cmdlet
/// pages and one about_*.help.txt per about page. Output is deterministic (no dates), so a test can
/// compare it with the committed copies.
/// </summary>
public static class HelpGenerator
{
    public const string MamlFileName = "McpRegistryAuth.dll-Help.xml";

    public static IReadOnlyDictionary<string, string> Generate(string docsDirectory)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var commands = new List<CommandHelp>();
        foreach (var path in Directory.GetFiles(docsDirectory, "*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var markdown = File.ReadAllText(path);
            if (name.StartsWith("about_", StringComparison.Ordinal))
            {
                files[Path.GetFileNameWithoutExtension(name) + ".help.txt"] = AboutTopicWriter.Write(name, markdown);
                continue;
            }

            var page = MarkdownPage.Parse(name, markdown);
            if (!page.FrontMatter.TryGetValue("document type", out var type) || type != "cmdlet") continue;
            var help = CommandHelpReader.Read(page);
            if (help.Name + ".md" != name)
            {
                throw new HelpSourceException(name, page.TitleLine, $"A cmdlet page is named after its cmdlet: rename it to {help.Name}.md.");
            }

            if (page.FrontMatter.TryGetValue("external help file", out var external) && external != MamlFileName)
            {
                throw new HelpSourceException(name, 1, $"'external help file' must be {MamlFileName}, the file Get-Help looks for beside McpRegistryAuth.dll.");
            }

            commands.Add(help);
        }

        if (commands.Count > 0) files[MamlFileName] = MamlWriter.Write(commands);
        return files;
    }

    /// <summary>
    /// Writes the files, replacing only those whose content changed (keeps timestamps for incremental
    /// builds), and removes help files of this kind that docs/ no longer produce.
    /// </summary>
    public static void WriteTo(IReadOnlyDictionary<string, string> files, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var stale = Directory.GetFiles(outputDirectory, "*-Help.xml").Concat(Directory.GetFiles(outputDirectory, "about_*.help.txt"))
            .Where(path => !files.ContainsKey(Path.GetFileName(path)));
        foreach (var path in stale)
        {
            File.Delete(path);
        }

        foreach (var (name, content) in files)
        {
            var path = Path.Combine(outputDirectory, name);
            if (File.Exists(path) && File.ReadAllText(path) == content) continue;
            File.WriteAllText(path, content, new System.Text.UTF8Encoding(false));
        }
    }
}
