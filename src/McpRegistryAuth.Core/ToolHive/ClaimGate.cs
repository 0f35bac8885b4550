using System.Text.Json;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The service layer's claim labels on registries, sources and entries (claims_filter.go): only with
/// authz on and a caller with claims; superAdmin passes; an unlabeled resource is denied; every
/// resource key must be among the caller's claims.
/// </summary>
public static class ClaimGate
{
    public const string RegistryForbiddenBody = "{\"error\":\"forbidden: insufficient claims for registry\"}\n";

    /// <param name="authzEnabled">True when <c>auth.authz</c> is present (otherwise the service skips every claim check).</param>
    /// <param name="callerClaims">The token's claims; null for anonymous mode or a public path (no check).</param>
    /// <param name="callerRoles">The caller's resolved roles (superAdmin bypasses the gate).</param>
    /// <param name="resourceClaims">The resource's claim labels as a JSON object; null or empty means unlabeled.</param>
    /// <param name="access">Read (any value in common) or Write (subset).</param>
    public static bool Allows(bool authzEnabled, JsonElement? callerClaims, IReadOnlySet<ToolHiveRole> callerRoles, JsonElement? resourceClaims, ClaimGateAccess access)
    {
        ArgumentNullException.ThrowIfNull(callerRoles);
        if (!authzEnabled || callerClaims is null) return true;
        if (callerRoles.Contains(ToolHiveRole.SuperAdmin)) return true;
        if (resourceClaims is not { ValueKind: JsonValueKind.Object } labels || !labels.EnumerateObject().Any()) return false;
        foreach (var label in labels.EnumerateObject())
        {
            if (!callerClaims.Value.TryGetProperty(label.Name, out var callerValue)) return false;
            if (label.Value.ValueKind == JsonValueKind.Array && label.Value.GetArrayLength() == 0) continue;
            var required = RequiredValues(label.Value);
            if (required is null) return false;
            var held = ClaimValues.Of(callerValue);
            var ok = access == ClaimGateAccess.Read
                ? required.Any(v => held.Contains(v, StringComparer.Ordinal))
                : required.All(v => held.Contains(v, StringComparer.Ordinal));
            if (!ok) return false;
        }

        return true;
    }

    // A non-string label value fails closed.
    private static List<string>? RequiredValues(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String) return [value.GetString()!];
        if (value.ValueKind != JsonValueKind.Array) return null;
        var values = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return null;
            values.Add(item.GetString()!);
        }

        return values;
    }
}
