using System.Text.Json;

namespace McpRegistryAuth.Core.Payloads;

/// <summary>
/// A JSON value the core hands to the cmdlets. The cmdlet assembly is compiled against the System.Text.Json
/// of the oldest supported PowerShell (7.4, .NET 8), while the core runs on the newer copy in the module's
/// private load context; a System.Text.Json type would be two different types on either side, so none may
/// cross. This wrapper crosses instead, and only the core looks inside.
/// </summary>
public sealed class JsonPayload : IDisposable
{
    private readonly JsonDocument? document;

    internal JsonPayload(JsonElement element, JsonDocument? document = null)
    {
        Element = element;
        this.document = document;
    }

    internal JsonElement Element { get; }

    /// <summary>True for a JSON object (false for an array, a string, a number, true, false or null).</summary>
    public bool IsObject => Element.ValueKind == JsonValueKind.Object;

    /// <summary>Releases the parsed document this value belongs to, when this payload owns it.</summary>
    public void Dispose() => document?.Dispose();

    public override string ToString() => Element.GetRawText();
}
