namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// One entry of the gateway's static token map: a REGISTRY_API_KEYS entry, or <c>legacy</c> for
/// REGISTRY_API_TOKEN. Groups and the identity it grants are fixed at startup.
/// </summary>
public sealed record StaticKeyEntry(string Name, Secret Key, IReadOnlyList<string> Groups)
{
    public const string LegacyName = "legacy";

    public bool IsLegacy => Name == LegacyName;

    /// <summary>X-User / username granted (legacy: <c>network-user</c>).</summary>
    public string Username => IsLegacy ? "network-user" : Name;

    /// <summary>client_id granted (legacy: <c>network-trusted</c>).</summary>
    public string ClientId => IsLegacy ? "network-trusted" : Name;
}
