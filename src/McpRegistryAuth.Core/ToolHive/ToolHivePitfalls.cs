using System.Net;
using McpRegistryAuth.Core.Go;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Yaml;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// Settings the server accepts without complaint but that do not do what the operator meant (authz and
/// role rules, public paths, resourceUrl, each provider's URLs and introspection). Each is a Warning with
/// the YAML path, line and a fix.
/// </summary>
public static class ToolHivePitfalls
{
    /// <summary>Issuers whose tokens carry a trailing slash in <c>iss</c>.</summary>
    private static readonly string[] TrailingSlashIssuerHosts = [".auth0.com", "sts.windows.net"];

    private static readonly string[] HealthPaths = ["/health", "/readiness", "/version", "/metrics"];

    /// <summary>Claims the introspection result keeps; role rules on any other claim never match opaque tokens.</summary>
    private static readonly HashSet<string> IntrospectionClaims = new(StringComparer.Ordinal) { "exp", "sub", "aud", "scope", "iss" };

    public static IReadOnlyList<Finding> Evaluate(ToolHiveAuthConfig config, YamlNode? root, IReadOnlyDictionary<string, string> environment, string? file)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        var w = new Writer(config, file);
        EmptyAuthz(config, root, w);
        if (config.Authz is not null && config.Mode == ToolHiveAuthMode.Anonymous)
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.AuthzWithAnonymous, "auth.authz",
                "auth.authz has no effect in anonymous mode (no caller has claims, so roles and claim gates are skipped), yet POST /v1/entries still requires claims in the body.",
                "Use mode: oauth for authorization to apply, or remove auth.authz.");
        }

        if (config.Mode == ToolHiveAuthMode.Anonymous && config.OAuth is not null)
        {
            w.Add(FindingSeverity.Info, ToolHiveFindingCodes.AnonymousOAuthNotChecked, "auth.oauth",
                "mode is anonymous, so the server neither checks nor uses auth.oauth (its errors would show only with --auth-mode oauth).",
                null);
        }

        Rules(config, w);
        PublicPaths(config, w);
        if (config.OAuth is { } oauth && config.IsOAuth)
        {
            ResourceUrl(oauth, w);
            if (oauth.Realm.IndexOfAny(['"', '\r', '\n']) >= 0)
            {
                w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.RealmSanitized, "auth.oauth.realm",
                    $"The realm contains a quote or line break; the server removes CR/LF and escapes quotes, so clients see realm=\"{UnauthorizedResponse.SanitizeHeaderValue(oauth.Realm)}\".",
                    "Use a realm without quotes or line breaks.");
            }

            foreach (var provider in oauth.Providers)
            {
                Provider(provider, config, environment, w);
            }

            Duplicates(oauth, w);
        }

        return w.Findings;
    }

    private static void EmptyAuthz(ToolHiveAuthConfig config, YamlNode? root, Writer w)
    {
        if (config.Authz is not null) return;
        var auth = (root as YamlMappingNode)?.Entries.LastOrDefault(e => string.Equals(e.KeyText, "auth", StringComparison.OrdinalIgnoreCase))?.Value as YamlMappingNode;
        var authz = auth?.Entries.LastOrDefault(e => string.Equals(e.KeyText, "authz", StringComparison.OrdinalIgnoreCase));
        if (authz is null) return;
        w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.EmptyAuthzIsOpen, "auth.authz",
            "auth.authz has no rules, and the server drops empty maps: it behaves as if authz were absent, so every authenticated caller holds every role (superAdmin) and claim gates are off.",
            "Write at least one role with a rule (e.g. superAdmin: [{groups: admins}]), or remove authz if open access is intended.", authz.Key.Line, authz.Key.Column);
    }

    private static void Rules(ToolHiveAuthConfig config, Writer w)
    {
        if (config.Authz is null) return;
        foreach (var (role, rules) in config.Authz.Roles)
        {
            var rolePath = $"auth.authz.roles.{ToolHiveConfigDecoder.RoleKey(role)}";
            if (rules.Count == 0)
            {
                w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.RuleNeverMatches, rolePath,
                    $"{ToolHiveConfigDecoder.RoleKey(role)} has an empty rule list: no caller holds it (except through superAdmin).", "Add a rule map, or remove the role.");
            }

            for (var i = 0; i < rules.Count; i++)
            {
                var rulePath = $"{rolePath}[{i}]";
                if (rules[i].Conditions.Count == 0)
                {
                    w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.RuleNeverMatches, rulePath, "An empty rule map never matches.", "Add a claim: value pair or remove the rule.");
                }

                foreach (var condition in rules[i].Conditions)
                {
                    var conditionPath = $"{rulePath}.{condition.WrittenClaim}";
                    if (condition.WrittenClaim.Any(char.IsUpper))
                    {
                        w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.CamelCaseClaimKey, conditionPath,
                            $"The rule key \"{condition.WrittenClaim}\" reaches the server as \"{condition.Claim}\" (viper lower-cases every map key); a token claim named \"{condition.WrittenClaim}\" can never match it.",
                            $"Match on an all-lower-case claim; have the IdP emit \"{condition.Claim}\" or map the claim to a lower-case name.");
                    }

                    if (condition.Values.Count == 0)
                    {
                        w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.RuleNeverMatches, conditionPath,
                            $"The rule value for \"{condition.WrittenClaim}\" has no string in it (booleans, numbers and empty lists never match).",
                            "Quote the value, e.g. email_verified: \"true\" does not help either (the claim is a JSON boolean); match on a string claim instead.");
                    }
                    else if (condition.Claim is "scope" or "scp" && condition.Values.All(v => !v.Contains(' ', StringComparison.Ordinal)))
                    {
                        w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.RuleNeverMatches, conditionPath,
                            $"The server compares the whole \"{condition.Claim}\" claim string; a token with several space-separated scopes (e.g. \"openid {condition.Values[0]}\") does not match.",
                            "Match on a claim holding one value (a group or role), or list the exact full scope strings the IdP issues.");
                    }
                }
            }
        }

        foreach (var provider in config.Providers.Where(p => p.IntrospectionUrl.Length > 0))
        {
            var dropped = config.Authz.Roles.Values.SelectMany(r => r).SelectMany(r => r.Conditions).Select(c => c.Claim).Where(c => !IntrospectionClaims.Contains(c)).Distinct().ToList();
            if (dropped.Count == 0) continue;
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.IntrospectionDropsClaims, $"auth.oauth.providers[{provider.Index}].introspectionUrl",
                $"Provider \"{provider.Name}\" validates opaque tokens by introspection, which keeps only iss, sub, aud, scope and exp; role rules on {string.Join(", ", dropped)} never match its opaque tokens.",
                "Use JWT access tokens for callers that need roles, or base the rules on sub or scope.");
        }
    }

    private static void PublicPaths(ToolHiveAuthConfig config, Writer w)
    {
        for (var i = 0; i < config.PublicPaths.Count; i++)
        {
            var configured = config.PublicPaths[i];
            var path = $"auth.publicPaths[{i}]";
            var normalized = PublicPathMatcher.Normalize(configured);
            if (normalized == "/")
            {
                w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.PublicPathExposesApi, path,
                    $"The public path \"{configured}\" makes every path public: no request is authenticated, and with no claims role checks and claim gates are skipped (anonymous admin access).",
                    "Remove it; list only the exact paths that must be public.");
            }
            else if (normalized is "/v1" or "/registry" || normalized.StartsWith("/v1/", StringComparison.Ordinal) || normalized.StartsWith("/registry/", StringComparison.Ordinal))
            {
                w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.PublicPathExposesApi, path,
                    $"The public path \"{configured}\" covers API routes: requests there carry no claims, so RequireRole passes and claim filters are skipped; unauthenticated callers get full access to {normalized}.",
                    "Remove it; make the callers authenticate instead.");
            }
            else if (HealthPaths.Contains(normalized))
            {
                w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.HealthPathOnMainPort, path,
                    $"{normalized} is not served on the API port since v1.1.0: /health, /readiness, /version and /metrics live on the internal port 8081, which has no auth.",
                    "Point probes and scrapers at port 8081 and remove this entry.");
            }

            if (configured.Length == 0 || configured.Contains('*', StringComparison.Ordinal))
            {
                w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.PublicPathNeverMatches, path,
                    configured.Length == 0
                        ? "An empty public path becomes \"/.\" and matches nothing."
                        : $"\"{configured}\" is matched literally: there are no globs, entries match whole path segments (\"/docs\" already covers \"/docs/a\").",
                    "Write the path prefix without wildcards, e.g. /docs.");
            }
        }
    }

    private static void ResourceUrl(ToolHiveOAuthConfig oauth, Writer w)
    {
        if (oauth.ResourceUrl.Length == 0)
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.ResourceUrlMissing, "auth.oauth",
                "auth.oauth.resourceUrl is not set: 401 responses carry no resource_metadata, and the RFC 9728 document has \"resource\":\"\", so MCP clients cannot discover the authorization servers.",
                "Set resourceUrl to the registry's public base URL, e.g. https://registry.example.com.");
            return;
        }

        if (oauth.ResourceUrl.EndsWith('/'))
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.ResourceUrlTrailingSlash, "auth.oauth.resourceUrl",
                $"resourceUrl ends with '/': the server concatenates, so 401s advertise resource_metadata=\"{ToolHiveDiscovery.ResourceMetadataUrl(oauth.ResourceUrl)}\" (with //).",
                $"Write resourceUrl without the trailing slash: {oauth.ResourceUrl.TrimEnd('/')}.");
        }

        if (Uri.TryCreate(oauth.ResourceUrl, UriKind.Absolute, out var uri) && uri.AbsolutePath.Trim('/').Length > 0)
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.ResourceUrlWithPath, "auth.oauth.resourceUrl",
                $"resourceUrl has a path ({uri.AbsolutePath}); the server serves its metadata only at its own root, so {ToolHiveDiscovery.ResourceMetadataUrl(oauth.ResourceUrl)} works only behind a proxy that strips {uri.AbsolutePath.TrimEnd('/')}.",
                "Make sure the reverse proxy strips the path prefix, or use the bare origin.");
        }
    }

    private static void Provider(ToolHiveProvider p, ToolHiveAuthConfig config, IReadOnlyDictionary<string, string> environment, Writer w)
    {
        var path = $"auth.oauth.providers[{p.Index}]";
        var issuer = GoUrl.Parse(p.IssuerUrl, out _);
        if (issuer is { IsAbsolute: true, Host.Length: > 0 })
        {
            IssuerSpelling(p, path, issuer, w);
            var host = issuer.Hostname;
            var http = issuer.Scheme != "https";
            var privateHost = IsPrivateHost(host);
            // A public http issuer without the flag is already a load error (THV009); this is about hosts that pass load.
            if (privateHost && (!p.AllowPrivateIP || (http && !config.InsecureAllowHttp)))
            {
                var missing = new List<string>();
                if (http && !config.InsecureAllowHttp) missing.Add("THV_REGISTRY_INSECURE_URL=true (discovery and JWKS requests must be https without it; loopback is not exempt at fetch time)");
                if (privateHost && !p.AllowPrivateIP) missing.Add("allowPrivateIP: true (loopback and private addresses are refused when dialling)");
                w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.LocalIssuerNeedsBothFlags, $"{path}.issuerUrl",
                    $"The issuer {p.IssuerUrl} is {(http ? "plain http" : "")}{(http && privateHost ? " on " : "")}{(privateHost ? "a loopback or private host" : "")}; the server accepts it at load but cannot fetch its keys without {string.Join(" and ", missing)}.",
                    "A local IdP needs both THV_REGISTRY_INSECURE_URL=true and allowPrivateIP: true on the provider.");
            }
        }

        foreach (var (field, value) in new[] { ("issuerUrl", p.IssuerUrl), ("jwksUrl", p.JwksUrl), ("introspectionUrl", p.IntrospectionUrl) })
        {
            if (p.AllowPrivateIP || value.Length == 0) continue;
            var host = GoUrl.Parse(value, out _)?.Hostname ?? "";
            if (IsInClusterHost(host))
            {
                w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.InClusterHostNeedsPrivateIp, $"{path}.{field}",
                    $"{host} is an in-cluster name that resolves to a ClusterIP (RFC 1918); without allowPrivateIP: true the server refuses to dial it and every token fails.",
                    "Add allowPrivateIP: true to this provider.");
                break;
            }
        }

        if (p.JwksUrl.Length > 0 && !config.InsecureAllowHttp && GoUrl.Parse(p.JwksUrl, out _)?.Scheme is { } jwksScheme && jwksScheme != "https")
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.HttpEndpointRefusedAtRuntime, $"{path}.jwksUrl",
                $"jwksUrl is not https; jwksUrl is not checked at load, but every fetch fails with \"the supplied URL {p.JwksUrl} is not HTTPS scheme\".",
                "Use the https JWKS URL, or set THV_REGISTRY_INSECURE_URL=true for a test IdP.");
        }

        if (p.IntrospectionUrl.Contains("api.github.com/applications", StringComparison.Ordinal))
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.GitHubIntrospectionNeverSucceeds, $"{path}.introspectionUrl",
                "GitHub token introspection can never succeed here: its result has no exp, so every token fails with \"token expired\".",
                "Use an IdP that issues JWTs or RFC 7662 introspection with exp.");
        }

        if (p.CaCertPath.Length > 0)
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.CaCertReplacesSystemRoots, $"{path}.caCertPath",
                $"caCertPath replaces the system trust store for this provider's discovery, JWKS and authenticated introspection: an endpoint with a publicly-issued certificate fails TLS unless its root is also in {p.CaCertPath}.",
                "Put every CA the provider's endpoints need (including public roots, if any) into the bundle.");
        }

        if (p.ClientId.Length > 0 && p.ClientSecretFile.Length == 0 && !(environment.TryGetValue("TOOLHIVE_OIDC_CLIENT_SECRET", out var secret) && secret.Length > 0))
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.ClientIdWithoutSecret, $"{path}.clientId",
                "clientId is set without a client secret (no clientSecretFile, no TOOLHIVE_OIDC_CLIENT_SECRET): introspection requests are sent without HTTP Basic authentication.",
                "Set clientSecretFile to a file holding the secret.");
        }
    }

    private static void IssuerSpelling(ToolHiveProvider p, string path, GoUrl issuer, Writer w)
    {
        var host = issuer.Hostname.ToLowerInvariant();
        var trailingSlashIdp = TrailingSlashIssuerHosts.Any(h => host.EndsWith(h, StringComparison.Ordinal) || host == h.TrimStart('.'));
        if (p.IssuerUrl.EndsWith('/') && !trailingSlashIdp)
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.IssuerTrailingSlash, $"{path}.issuerUrl",
                $"issuerUrl ends with '/': the server compares iss exactly, and most IdPs (Keycloak, Okta, Entra v2, Kubernetes) emit iss without it, so their tokens fail with \"invalid issuer\".",
                $"Copy the issuer exactly from a token's iss claim (likely {p.IssuerUrl.TrimEnd('/')}).");
        }
        else if (!p.IssuerUrl.EndsWith('/') && trailingSlashIdp)
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.IssuerTrailingSlash, $"{path}.issuerUrl",
                $"{host} emits iss with a trailing slash ({p.IssuerUrl}/, as Auth0 and Entra v1 do); the server compares iss exactly, so tokens fail with \"invalid issuer\".",
                $"Write issuerUrl: {p.IssuerUrl}/");
        }

        var schemeAsWritten = p.IssuerUrl.Trim()[..Math.Max(0, p.IssuerUrl.Trim().IndexOf(':'))];
        if (schemeAsWritten.Any(char.IsUpper) || p.IssuerUrl != p.IssuerUrl.Trim())
        {
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.IssuerSchemeCase, $"{path}.issuerUrl",
                "issuerUrl passes validation (Go lower-cases the scheme, iss is trimmed), but the discovery URL is built from the literal text and an upper-case scheme never equals the token's iss.",
                "Write the issuer exactly as the token's iss, in lower case and without surrounding spaces.");
        }
    }

    private static void Duplicates(ToolHiveOAuthConfig oauth, Writer w)
    {
        foreach (var group in oauth.Providers.Where(p => p.Name.Length > 0).GroupBy(p => p.Name).Where(g => g.Count() > 1))
        {
            var later = group.Skip(1).First();
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.DuplicateProvider, $"auth.oauth.providers[{later.Index}].name",
                $"Two providers are named \"{group.Key}\" (providers[{group.First().Index}] and providers[{later.Index}]); the server allows it, but its log lines cannot tell them apart.",
                "Give each provider a distinct name.");
        }

        foreach (var group in oauth.Providers.Where(p => p.IssuerUrl.Length > 0).GroupBy(p => p.IssuerUrl.Trim()).Where(g => g.Count() > 1))
        {
            var later = group.Skip(1).First();
            var sameAudience = group.First().Audience == later.Audience;
            w.Add(FindingSeverity.Warning, ToolHiveFindingCodes.DuplicateProvider, $"auth.oauth.providers[{later.Index}].issuerUrl",
                $"providers[{group.First().Index}] and providers[{later.Index}] have the same issuer {group.Key}{(sameAudience ? " and audience; the later one never accepts a token the first refused for a claim reason" : "")}; the RFC 9728 document lists it twice.",
                "Merge them or remove the duplicate.");
        }
    }

    private static bool IsPrivateHost(string host)
    {
        if (host == "localhost") return true;
        return IPAddress.TryParse(host, out var ip) && PrivateAddressClassifier.IsPrivate(ip);
    }

    private static bool IsInClusterHost(string host)
    {
        host = host.ToLowerInvariant();
        return host.EndsWith(".svc", StringComparison.Ordinal) || host.EndsWith(".svc.cluster.local", StringComparison.Ordinal) || host.EndsWith(".cluster.local", StringComparison.Ordinal)
            || host is "kubernetes.default" or "kubernetes";
    }

    private sealed class Writer(ToolHiveAuthConfig config, string? file)
    {
        public List<Finding> Findings { get; } = [];

        public void Add(FindingSeverity severity, string code, string path, string message, string? fix, int? line = null, int? column = null)
        {
            var known = config.Positions.TryGetValue(path, out var at);
            Findings.Add(new Finding
            {
                Severity = severity,
                Code = code,
                Message = message,
                File = file,
                Line = line ?? (known ? at.Line : null),
                Column = column ?? (known ? at.Column : null),
                Path = path,
                Fix = fix,
            });
        }
    }
}
