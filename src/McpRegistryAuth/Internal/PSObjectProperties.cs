using System.Collections;
using System.Management.Automation;

namespace McpRegistryAuth.Internal;

/// <summary>A piped object's properties (or a hashtable's keys) by name, values unwrapped, for the core to read.</summary>
internal static class PSObjectProperties
{
    public static Dictionary<string, object?> Of(PSObject input)
    {
        var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (input.BaseObject is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary) properties[entry.Key.ToString() ?? ""] = Unwrap(entry.Value);
        }
        else
        {
            foreach (var property in input.Properties)
            {
                try
                {
                    properties[property.Name] = Unwrap(property.Value);
                }
                catch (GetValueException)
                {
                    // A property whose getter throws is not one the server's fields come from.
                }
            }
        }

        return properties;
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
