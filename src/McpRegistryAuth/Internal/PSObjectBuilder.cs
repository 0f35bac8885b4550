using System.Management.Automation;
using McpRegistryAuth.Core.Payloads;

namespace McpRegistryAuth.Internal;

/// <summary>The PSCustomObjects a JSON object becomes, as ConvertFrom-Json makes them.</summary>
internal sealed class PSObjectBuilder : IJsonObjectBuilder
{
    public static readonly PSObjectBuilder Instance = new();

    public object NewObject() => new PSObject();

    public void Add(object target, string name, object? value)
    {
        var properties = ((PSObject)target).Properties;
        var note = new PSNoteProperty(name, value);
        try
        {
            properties.Add(note);
        }
        catch (ExtendedTypeSystemException)
        {
            // A repeated name keeps the last value, as ConvertFrom-Json -AsHashtable does (rare: no Remove on the fast path).
            properties.Remove(name);
            properties.Add(note);
        }
    }
}
