using System.Net;
using McpRegistryAuth.Core.Go;
using McpRegistryAuth.Core.Http;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The URL rules applied when a provider fetches discovery, JWKS or introspection at request time
/// (toolhive): the discovery pre-check (token.go, loopback exempt), the HTTPS-only transport (http_client.go, no
/// loopback exemption) and the dial-time private-address block (utilities.go).
/// </summary>
public static class ToolHiveFetchRules
{
    /// <summary>Environment switch that turns the toolhive HTTPS checks off (case-insensitive "true").</summary>
    public const string DisableUrlValidation = "INSECURE_DISABLE_URL_VALIDATION";

    /// <summary>
    /// toolhive <c>ValidateEndpointURL</c> on the issuer before discovery: https, or a host that is
    /// exactly <c>localhost</c>, <c>127.0.0.1</c> or <c>[::1]</c> with an optional port, or a flag.
    /// Returns the error text, or null when it passes.
    /// </summary>
    public static string? DiscoveryPrecheck(string issuerUrl, bool insecureAllowHttp, bool disableUrlValidation)
    {
        if (insecureAllowHttp || disableUrlValidation) return null;
        var url = GoUrl.Parse(issuerUrl, out _);
        if (url is { Scheme: "https" }) return null;
        if (url is not null && IsLoopbackHostWithPort(url.Host)) return null;
        return $"invalid issuer URL: endpoint must use HTTPS: {issuerUrl}";
    }

    /// <summary>The transport's check on every request it sends; no loopback exemption.</summary>
    public static string? Transport(string url, bool insecureAllowHttp, bool disableUrlValidation)
    {
        if (insecureAllowHttp || disableUrlValidation) return null;
        return GoUrl.Parse(url, out _) is { Scheme: "https" } ? null : $"the supplied URL {url} is not HTTPS scheme";
    }

    /// <summary>The dial-time block: the resolved address is private or loopback and allowPrivateIP is false.</summary>
    public static string? Dial(IPAddress resolved, int port, bool allowPrivateIP) =>
        !allowPrivateIP && PrivateAddressClassifier.IsPrivate(resolved) ? PrivateAddressClassifier.BlockedMessage(resolved, port) : null;

    /// <summary>
    /// One Check per rule for the first URL the provider fetches (the discovery URL, or jwksUrl),
    /// with addresses resolved by the caller (none: the dial rule is not evaluated).
    /// </summary>
    public static IReadOnlyList<Check> Evaluate(ToolHiveProvider provider, bool insecureAllowHttp, IReadOnlyDictionary<string, string> environment, IReadOnlyList<IPAddress>? resolvedAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(environment);
        var disable = environment.TryGetValue(DisableUrlValidation, out var flag) && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
        var checks = new List<Check>();
        var target = provider.JwksUrl.Length > 0 ? provider.JwksUrl : ToolHiveDiscovery.OpenIdConfigurationUrl(provider.IssuerUrl);
        if (provider.JwksUrl.Length == 0)
        {
            var pre = DiscoveryPrecheck(provider.IssuerUrl, insecureAllowHttp, disable);
            checks.Add(new Check(ToolHiveCheckNames.FetchDiscoveryPrecheck, pre is null, provider.IssuerUrl, "https or loopback host", pre));
        }

        var transport = Transport(target, insecureAllowHttp, disable);
        checks.Add(new Check(ToolHiveCheckNames.FetchHttpsTransport, transport is null, target, "https (or THV_REGISTRY_INSECURE_URL=true)", transport));
        if (resolvedAddresses is not null)
        {
            var port = GoUrl.Parse(target, out _) is { } u && int.TryParse(u.Host.Split(':').LastOrDefault(), out var p) && u.Host.Contains(':', StringComparison.Ordinal) ? p : (target.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
            foreach (var address in resolvedAddresses)
            {
                var dial = Dial(address, port, provider.AllowPrivateIP);
                checks.Add(new Check(ToolHiveCheckNames.FetchPrivateAddress, dial is null, address.ToString(), provider.AllowPrivateIP ? "any address (allowPrivateIP: true)" : "a public address", dial));
            }
        }

        return checks;
    }

    private static bool IsLoopbackHostWithPort(string host)
    {
        foreach (var name in new[] { "localhost", "127.0.0.1", "[::1]" })
        {
            if (host == name) return true;
            if (host.StartsWith(name + ":", StringComparison.Ordinal) && host[(name.Length + 1)..].All(char.IsAsciiDigit)) return true;
        }

        return false;
    }
}
