namespace McpRegistryAuth.Core.Files;

/// <summary>
/// Plans changes to a docker compose .env file: reads it strictly (UTF-8, BOM refused unless forced),
/// refuses to replace an existing non-empty value without force, and keeps every other byte.
/// </summary>
public sealed class DotEnvEditor
{
    private readonly List<string> changes = [];
    private readonly List<string> warnings = [];
    private readonly bool force;
    private DotEnvFile document;
    private string text;

    private DotEnvEditor(string path, string text, bool exists, bool force)
    {
        Path = path;
        this.text = text;
        this.force = force;
        Exists = exists;
        document = DotEnvFile.Parse(text, path);
    }

    public string Path { get; }

    public bool Exists { get; }

    public DotEnvFile Document => document;

    public static DotEnvEditor Open(string path, bool force)
    {
        if (Directory.Exists(path))
        {
            throw new FileEditException(path, "EnvFileIsDirectory", $"'{path}' is a directory; give the path of the .env file.");
        }

        if (!File.Exists(path))
        {
            return new DotEnvEditor(path, "", exists: false, force);
        }

        var content = EditableFile.ReadForEdit(path, force);

        var editor = new DotEnvEditor(path, content.Text, exists: true, force);
        if (content.HasBom)
        {
            if (!force)
            {
                throw new FileEditException(path, "EnvFileHasBom", DotEnvFile.BomProblem(path) + " Use -Force to drop the BOM, or save the file as UTF-8 without BOM.", 1);
            }

            editor.warnings.Add($"Dropped the UTF-8 BOM from '{path}' (docker compose would read it as part of the first variable name).");
        }

        var unterminated = editor.document.Findings.FirstOrDefault(f => f.Code == DotEnvFindingCodes.UnterminatedQuote);
        if (unterminated is not null)
        {
            throw new FileEditException(path, "EnvFileUnterminatedQuote", $"{unterminated.Message} ({path}, line {unterminated.Line}). A value appended after it would become part of that value; fix the quote first.", unterminated.Line);
        }

        return editor;
    }

    /// <summary>Sets a value that holds a secret: refused when the key already has a different non-empty value and force is off.</summary>
    public void SetSecret(string key, Secret value)
    {
        var existing = document.Find(key);
        if (existing is not null && existing.Value.Length > 0 && existing.Value != value.Reveal() && !force)
        {
            throw new FileEditException(Path, "ValueExists", $"{key} already has a value in '{Path}' (line {existing.Line}, fingerprint {Fingerprint.Of(existing.Value)}). Use -Force to replace it.", existing.Line);
        }

        Set(key, value.Reveal(), existing is null ? $"add {key} ({value.Fingerprint})" : $"replace {key} on line {existing.Line} ({ReplacedValue.Describe(existing.Value)} -> {value.Fingerprint})");
    }

    /// <summary>
    /// Sets a secret the caller already merged with the existing value (a REGISTRY_API_KEYS entry added or
    /// replaced); singleQuoted writes KEY='value', which compose reads literally (JSON).
    /// </summary>
    public void SetMergedSecret(string key, Secret value, string change, bool singleQuoted)
    {
        if (document.Find(key)?.Value == value.Reveal())
        {
            return;
        }

        Set(key, value.Reveal(), change, singleQuoted);
    }

    /// <summary>Sets a plain setting such as a feature flag.</summary>
    public void SetValue(string key, string value)
    {
        var existing = document.Find(key);
        if (existing is not null && existing.Value == value)
        {
            return;
        }

        if (existing is not null)
        {
            warnings.Add($"{key} changed from '{existing.Value}' to '{value}' (line {existing.Line}).");
        }

        Set(key, value, existing is null ? $"add {key}={value}" : $"set {key}={value} on line {existing.Line}");
    }

    public FileEdit ToEdit() => new(Path, text, !Exists, changes.Count == 0 ? ["no change"] : changes.ToList(), warnings.ToList());

    private void Set(string key, string value, string change, bool singleQuoted = false)
    {
        text = document.WithValue(key, value, singleQuoted);
        document = DotEnvFile.Parse(text, Path);
        changes.Add(change);
    }
}
