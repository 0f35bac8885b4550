using System.Globalization;
using System.Text.Json;
using McpRegistryAuth.Core.Payloads;

namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>
/// The version a gateway record was read at, as its registry client sends it back in If-Match on PUT and
/// PATCH: W/"&lt;epoch milliseconds&gt;". The answer's ETag header wins; else the record's updated_at.
/// </summary>
public static class ServerVersionTag
{
    /// <summary>The version of a record as read.</summary>
    public static string? From(string? etagHeader, JsonPayload record) => From(etagHeader, record.Element);

    internal static string? From(string? etagHeader, JsonElement record)
    {
        if (!string.IsNullOrWhiteSpace(etagHeader)) return etagHeader.Trim();
        if (record.ValueKind != JsonValueKind.Object || !record.TryGetProperty("updated_at", out var updated)) return null;
        if (updated.ValueKind == JsonValueKind.Number && updated.TryGetInt64(out var ms)) return Weak(ms);
        if (updated.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(updated.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return Weak(time.ToUnixTimeMilliseconds());
        }

        return null;
    }

    private static string Weak(long epochMs) => $"W/\"{epochMs.ToString(CultureInfo.InvariantCulture)}\"";
}
