using System.Net;
using System.Net.Sockets;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.ToolHive;

using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// Applies <see cref="ToolHiveFetchRules"/> where toolhive applies them, before a fetch is sent: the discovery pre-check
/// on issuerUrl, then for each request the HTTPS-only transport and the dial-time private-address block. A refusal is
/// worded as Go's HTTP client wraps it (<c>Get "url": …</c>), so it reads as the server's DEBUG error.
/// </summary>
internal static class ToolHiveFetchGate
{
    private const string InsecureFix = "Set THV_REGISTRY_INSECURE_URL=true in the server's environment (local tests only), or serve the IdP over https.";

    /// <summary>toolhive ValidateEndpointURL on issuerUrl before discovery; returns the error text or null.</summary>
    public static string? Precheck(string issuerUrl, ToolHiveFetchPolicy policy, List<Check> checks)
    {
        var error = ToolHiveFetchRules.DiscoveryPrecheck(issuerUrl, policy.InsecureAllowHttp, policy.DisableUrlValidation);
        checks.Add(new Check(ToolHiveCheckNames.FetchDiscoveryPrecheck, error is null, issuerUrl,
            "https, or a localhost, 127.0.0.1 or [::1] host (or THV_REGISTRY_INSECURE_URL=true)",
            error is null ? null : $"{error}. {InsecureFix}"));
        return error;
    }

    /// <summary>
    /// The transport check and the dial block for one request. <paramref name="checkNames"/> names the checks
    /// (<see cref="ToolHiveCheckNames.DiscoveryFetch"/>, <c>JwksFetch</c>, <c>IntrospectionFetch</c>); <paramref name="insecureApplies"/> is false
    /// for clients toolhive builds without the insecure flag (authenticated introspection). Returns the refusal or null.
    /// </summary>
    public static async Task<string?> RefusedAsync((string HttpsTransport, string PrivateAddress) checkNames, string method, string url, bool insecureApplies, ToolHiveFetchPolicy policy, List<Check> checks, CancellationToken cancellationToken)
    {
        var insecure = insecureApplies && policy.InsecureAllowHttp;
        var transport = ToolHiveFetchRules.Transport(url, insecure, policy.DisableUrlValidation);
        checks.Add(new Check(checkNames.HttpsTransport, transport is null, url,
            insecureApplies ? "https (or THV_REGISTRY_INSECURE_URL=true)" : "https (or INSECURE_DISABLE_URL_VALIDATION=true; THV_REGISTRY_INSECURE_URL does not apply to this client)",
            transport is null ? null : $"{transport}: toolhive's HTTP client sends only https requests, loopback included. " +
                (insecureApplies ? InsecureFix : "Authenticated introspection ignores THV_REGISTRY_INSECURE_URL; only INSECURE_DISABLE_URL_VALIDATION=true lifts the check.")));
        if (transport is not null) return $"{method} \"{url}\": {transport}";

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var host = uri.IdnHost.TrimStart('[').TrimEnd(']');
        if (policy.AllowPrivateIP)
        {
            checks.Add(new Check(checkNames.PrivateAddress, true, host, "any address (allowPrivateIP: true)"));
            return null;
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else if (!policy.ResolveHostNames) return null;
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return null; // the fetch itself reports the failed lookup
            }
        }

        if (addresses.Length == 0) return null;
        // Go dials the addresses in turn and the Control hook refuses each private one: blocked only when all are.
        var blocked = addresses.All(PrivateAddressClassifier.IsPrivate);
        var observed = $"{host} -> {string.Join(", ", addresses.Select(a => PrivateAddressClassifier.IsPrivate(a) ? $"{a} (private)" : $"{a} (public)"))}";
        var error = blocked ? ToolHiveFetchRules.Dial(addresses[0], uri.Port, allowPrivateIP: false) : null;
        checks.Add(new Check(checkNames.PrivateAddress, !blocked, observed, "a public address (allowPrivateIP: false)",
            error is null ? null : $"{error}. Set allowPrivateIP: true on this provider for a loopback, in-cluster (e.g. kubernetes.default.svc) or private-network IdP."));
        return error is null ? null : $"{method} \"{url}\": {error}";
    }
}
