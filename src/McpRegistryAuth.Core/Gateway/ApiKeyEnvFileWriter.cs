using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Plans adding or replacing one named key in REGISTRY_API_KEYS of the gateway's .env (a JSON object of name -> key and groups):
/// the existing entries are kept in order, the new entry is validated by the gateway's own parser, and
/// the whole map is written back as <c>REGISTRY_API_KEYS='&lt;compact JSON&gt;'</c>.
/// </summary>
public static class ApiKeyEnvFileWriter
{
    public static FileEdit Plan(string path, string name, IReadOnlyList<string> groups, Secret key, bool force)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(key);
        var entry = new StaticKeyEntry(name, key, groups.ToArray());
        var alone = RegistryApiKeys.Parse(RegistryApiKeys.Serialize([entry]));
        if (!alone.IsValid)
        {
            throw new FileEditException(path, "ApiKeyEntryInvalid", $"The gateway would refuse this {GatewaySettingNames.ApiKeys} entry: {alone.Error}.");
        }

        var quoted = entry.Groups.FirstOrDefault(g => g.Contains('\'', StringComparison.Ordinal));
        if (quoted is not null)
        {
            // The map is written as KEY='<JSON>', and compose has no escape for ' inside single quotes.
            throw new FileEditException(path, "GroupNotWritable",
                $"-Group \"{quoted}\" holds a single quote. {GatewaySettingNames.ApiKeys} is written to the .env file as {GatewaySettingNames.ApiKeys}='<JSON>', and docker compose cannot read a single quote inside single quotes. Use a group name without it.");
        }

        entry = alone.Entries[0];
        var editor = DotEnvEditor.Open(path, force);
        var existing = editor.Document.Find(GatewaySettingNames.ApiKeys);
        var entries = new List<StaticKeyEntry>();
        var warnings = new List<string>();
        if (existing is not null && PythonTextIsBlank(existing.Value) is false)
        {
            var parsed = RegistryApiKeys.Parse(existing.Value);
            if (!parsed.IsValid)
            {
                throw new FileEditException(path, "ApiKeysUnreadable",
                    $"{GatewaySettingNames.ApiKeys} on line {existing.Line} of '{path}' cannot be read ({parsed.Error}); the gateway disables static-token auth with it. Fix it before adding a key.",
                    existing.Line);
            }

            if (parsed.Repaired)
            {
                warnings.Add($"{GatewaySettingNames.ApiKeys} on line {existing.Line} had lost its JSON quotes; it is written back as quoted JSON.");
            }

            entries.AddRange(parsed.Entries);
        }

        string change;
        var index = entries.FindIndex(e => e.Name == entry.Name);
        if (index >= 0)
        {
            var old = entries[index];
            if (old.Key.Equals(entry.Key) && old.Groups.SequenceEqual(entry.Groups))
            {
                return editor.ToEdit();
            }

            if (!force)
            {
                throw new FileEditException(path, "ValueExists",
                    $"{GatewaySettingNames.ApiKeys} in '{path}' (line {existing!.Line}) already has an entry '{entry.Name}' (fingerprint {old.Key.Fingerprint}). Use -Force to replace it.",
                    existing.Line);
            }

            entries[index] = entry;
            change = $"replace {GatewaySettingNames.ApiKeys} entry '{entry.Name}' ({old.Key.Fingerprint} -> {entry.Key.Fingerprint}, groups {string.Join(",", entry.Groups)})";
        }
        else
        {
            var sameKey = entries.FirstOrDefault(e => e.Key.Equals(entry.Key));
            if (sameKey is not null)
            {
                throw new FileEditException(path, "ApiKeyValueDuplicate",
                    $"Entry '{sameKey.Name}' of {GatewaySettingNames.ApiKeys} already uses this key (fingerprint {entry.Key.Fingerprint}); the gateway requires every key to be unique.",
                    existing?.Line);
            }

            entries.Add(entry);
            change = $"add {GatewaySettingNames.ApiKeys} entry '{entry.Name}' ({entry.Key.Fingerprint}, groups {string.Join(",", entry.Groups)})";
        }

        editor.SetValue(GatewaySettingNames.StaticTokenAuthEnabled, "true");
        editor.SetMergedSecret(GatewaySettingNames.ApiKeys, new Secret(RegistryApiKeys.Serialize(entries)), change, singleQuoted: true);
        var edit = editor.ToEdit();
        return edit with { Warnings = [.. edit.Warnings, .. warnings] };
    }

    private static bool PythonTextIsBlank(string value) => PythonText.Strip(value).Length == 0;
}
