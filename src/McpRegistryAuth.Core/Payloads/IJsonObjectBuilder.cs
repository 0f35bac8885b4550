namespace McpRegistryAuth.Core.Payloads;

/// <summary>
/// Makes the objects a JSON object becomes. The core walks the JSON; the caller decides what an object is
/// (the cmdlets make the PSCustomObjects ConvertFrom-Json makes), so the walk and its masking rule stay here.
/// </summary>
public interface IJsonObjectBuilder
{
    /// <summary>A new, empty object.</summary>
    object NewObject();

    /// <summary>Adds a property; a name given twice keeps the last value.</summary>
    void Add(object target, string name, object? value);
}
