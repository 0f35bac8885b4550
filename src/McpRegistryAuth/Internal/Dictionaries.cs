using System.Collections;
using System.Management.Automation;
using System.Security;
using McpRegistryAuth.Core;

namespace McpRegistryAuth.Internal;

/// <summary>Turns PowerShell hashtables into the plain dictionaries the core takes.</summary>
internal static class Dictionaries
{
    public static Dictionary<string, string> ToStrings(IDictionary? source)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (source is null)
        {
            return result;
        }

        foreach (DictionaryEntry entry in source)
        {
            var key = Unwrap(entry.Key)?.ToString() ?? "";
            result[key] = Unwrap(entry.Value) switch
            {
                null => "",
                SecureString secure => SecureStrings.ToSecret(secure).Reveal(),
                bool b => b ? "true" : "false",
                var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
        }

        return result;
    }

    public static IEnumerable<KeyValuePair<string, Secret>> ToSecrets(IDictionary? source) =>
        ToStrings(source).Select(kv => new KeyValuePair<string, Secret>(kv.Key, new Secret(kv.Value)));

    public static Dictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return result;
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
