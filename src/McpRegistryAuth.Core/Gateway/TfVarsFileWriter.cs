using McpRegistryAuth.Core.Files;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Plans <c>registry_static_token_auth_enabled = true</c> and <c>registry_api_token = "..."</c> in a new
/// or existing terraform.tfvars: only those two values change, every other byte stays.
/// </summary>
public static class TfVarsFileWriter
{
    public const string EnabledVariable = "registry_static_token_auth_enabled";
    public const string TokenVariable = "registry_api_token";

    public static FileEdit Plan(string path, Secret token, bool force)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (Directory.Exists(path))
        {
            throw new FileEditException(path, "TfVarsFileIsDirectory", $"'{path}' is a directory; give the path of the .tfvars file.");
        }

        var exists = File.Exists(path);
        var warnings = new List<string>();
        var text = "";
        if (exists)
        {
            var content = EditableFile.ReadForEdit(path, force);

            if (content.HasBom)
            {
                if (!force)
                {
                    throw new FileEditException(path, "TfVarsFileHasBom", $"'{path}' starts with a UTF-8 BOM. Use -Force to drop it, or save the file as UTF-8 without BOM.", 1);
                }

                warnings.Add($"Dropped the UTF-8 BOM from '{path}'.");
            }

            text = content.Text;
        }

        var changes = new List<string>();
        var document = TfVarsFile.Parse(text);
        var existingToken = document.Find(TokenVariable);
        if (existingToken is not null)
        {
            var current = existingToken.StringValue;
            if (current != token.Reveal())
            {
                var shown = current is null ? "an expression" : $"fingerprint {Fingerprint.Of(current)}";
                if (!force && current is not "")
                {
                    throw new FileEditException(path, "ValueExists", $"{TokenVariable} already has a value in '{path}' (line {existingToken.Line}, {shown}). Use -Force to replace it.", existingToken.Line);
                }

                text = document.WithValue(TokenVariable, TfVarsFile.QuoteLiteral(token.Reveal()));
                changes.Add($"replace {TokenVariable} on line {existingToken.Line} ({(current is null ? shown : ReplacedValue.Describe(current))} -> {token.Fingerprint})");
            }
        }
        else
        {
            text = document.WithValue(TokenVariable, TfVarsFile.QuoteLiteral(token.Reveal()));
            changes.Add($"add {TokenVariable} ({token.Fingerprint})");
        }

        document = TfVarsFile.Parse(text);
        var enabled = document.Find(EnabledVariable);
        if (enabled is null || enabled.ValueText != "true")
        {
            // Put the flag first when adding both, the order people read them in.
            if (enabled is null && existingToken is null)
            {
                var tokenLine = document.Find(TokenVariable)!;
                var lineStart = text.LastIndexOf('\n', Math.Max(0, tokenLine.ValueStart - 1)) + 1;
                var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
                text = text.Insert(lineStart, $"{EnabledVariable} = true{newline}");
            }
            else
            {
                if (enabled is not null) warnings.Add($"{EnabledVariable} changed from {enabled.ValueText} to true (line {enabled.Line}).");
                text = document.WithValue(EnabledVariable, "true");
            }

            changes.Add(enabled is null ? $"add {EnabledVariable} = true" : $"set {EnabledVariable} = true on line {enabled.Line}");
        }

        return new FileEdit(path, text, !exists, changes.Count == 0 ? ["no change"] : changes, warnings);
    }
}
