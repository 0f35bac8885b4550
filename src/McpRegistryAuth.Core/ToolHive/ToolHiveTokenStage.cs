using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.ToolHive;

using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// A request through ToolHive's auth middleware: <see cref="ToolHiveAuthLayer.Precheck"/> (mode, public path,
/// Bearer header), then each configured provider in order with its own HTTP client (caCertPath as the only roots,
/// allowPrivateIP, authTokenFile), the first acceptance winning, else <see cref="ToolHiveAuthLayer.Rejected"/>.
/// </summary>
public sealed class ToolHiveTokenStage
{
    private readonly KeySet? offlineKeys;
    private readonly DiscoveryDocument? offlineDiscovery;
    private readonly bool noCache;
    private readonly TimeSpan timeout;
    private readonly bool allowUnencryptedAuthentication;

    public ToolHiveTokenStage(KeySet? offlineKeys = null, DiscoveryDocument? offlineDiscovery = null, bool noCache = false, TimeSpan? timeout = null, bool allowUnencryptedAuthentication = false)
    {
        this.allowUnencryptedAuthentication = allowUnencryptedAuthentication;
        this.offlineKeys = offlineKeys;
        this.offlineDiscovery = offlineDiscovery;
        this.noCache = noCache;
        this.timeout = timeout ?? TimeSpan.FromSeconds(30);
    }

    public async Task<Verdict> EvaluateAsync(ToolHiveAuthConfig config, string requestPath, string? authorizationHeader, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var decided = ToolHiveAuthLayer.Precheck(config, requestPath, authorizationHeader, out var token);
        if (decided is not null) return decided;

        var checks = new List<Check> { new(ToolHiveCheckNames.BearerHeader, true, token!.ToString(), "Bearer <token>") };
        var hints = new List<string>();
        var warnings = new List<string>();
        var provisional = false;
        foreach (var provider in config.Providers)
        {
            var settings = ClientSettings(provider, warnings);
            using var client = CreateClient(settings);
            IDiscoverySource discovery = offlineDiscovery is not null ? new FixedDiscoverySource(offlineDiscovery) : new DiscoveryClient(client, noCache);
            if (offlineKeys is not null && offlineDiscovery is null && provider.JwksUrl.Length == 0)
            {
                // Offline keys without a discovery document: the discovery fetch cannot be replayed, so it is skipped.
                discovery = new FixedDiscoverySource(new DiscoveryDocument { Source = "-Jwks", JwksUri = offlineKeys.Source.Contains("://", StringComparison.Ordinal) ? offlineKeys.Source : "https://offline.invalid/jwks" });
                warnings.Add($"Provider {provider.Name}: OIDC discovery was not evaluated (an offline JWKS was given without a discovery document).");
            }

            var tokenProvider = ToTokenProvider(provider, warnings);
            // Authenticated introspection uses the provider's client; without credentials toolhive falls back to Go's default client.
            var authenticated = tokenProvider.ClientId is not null || tokenProvider.ClientSecret is { IsEmpty: false };
            var introspectionSettings = authenticated ? settings : DefaultClientSettings();

            // Its own client that follows no redirect: the token is re-sent only within the endpoint's origin.
            using var introspectionClient = CreateClient(introspectionSettings with { Client = introspectionSettings.Client with { FollowRedirects = false } });
            var policy = new ToolHiveFetchPolicy
            {
                InsecureAllowHttp = config.InsecureAllowHttp,
                DisableUrlValidation = config.DisableUrlValidation,
                AllowPrivateIP = provider.AllowPrivateIP,
                AllowUnencryptedAuthentication = allowUnencryptedAuthentication,
                ResolveHostNames = offlineKeys is null && offlineDiscovery is null,
            };
            var validator = new ToolHiveTokenValidator(
                offlineKeys is not null ? new FixedKeySetSource(offlineKeys) : new HttpKeySetSource(client, noCache),
                discovery,
                introspectionClient,
                policy);
            var outcome = await validator.ValidateAsync(tokenProvider, token, at, cancellationToken).ConfigureAwait(false);
            checks.Add(new Check(ToolHiveCheckNames.Provider, outcome.Accepted, provider.Name, "a provider that accepts the token"));
            var (providerChecks, fetchFix) = outcome.Accepted
                ? (outcome.Checks, null)
                : await WithFetchDiagnosisAsync(outcome, settings, introspectionSettings, discovery is DiscoveryClient, offlineKeys is null, cancellationToken).ConfigureAwait(false);
            checks.AddRange(providerChecks);
            if (outcome.Accepted)
            {
                return new Verdict
                {
                    RegistryType = RegistryType.ToolHive,
                    Status = 200,
                    AcceptedBy = $"Provider:{provider.Name}",
                    Identity = outcome.Claims.TryGetValue("sub", out var sub) ? sub as string : null,
                    AuthMethod = outcome.Introspected ? "introspection" : "jwt",
                    Scopes = outcome.Claims.TryGetValue("scope", out var scope) && scope is string s ? s.Split(' ', StringSplitOptions.RemoveEmptyEntries) : null,
                    Checks = checks,
                    Hints = hints,
                    Warnings = warnings,
                    IsProvisional = provisional,
                };
            }

            provisional |= outcome.NotEvaluated;
            checks.Add(new Check(ToolHiveCheckNames.ProviderDebugLog, false, $"Provider failed to validate token provider={provider.Name} error={outcome.Error}", null));
            foreach (var hint in fetchFix is null ? outcome.Hints : outcome.Hints.Append(fetchFix))
            {
                var text = config.Providers.Count > 1 ? $"[{provider.Name}] {hint}" : hint;
                if (!hints.Contains(text)) hints.Add(text);
            }
        }

        return ToolHiveAuthLayer.Rejected(config, checks) with { Hints = hints, Warnings = warnings, IsProvisional = provisional };
    }

    /// <summary>
    /// When the provider's discovery, JWKS or introspection fetch failed over the network, the same fetch again step by
    /// step (<see cref="FetchDiagnosis"/>) with the settings of the client that made it; its checks follow the failed
    /// one, and the failing step's fix joins the provider's hints. A fetch the URL rules refused was never sent.
    /// </summary>
    private static async Task<(IReadOnlyList<Check> Checks, string? Fix)> WithFetchDiagnosisAsync(ToolHiveProviderOutcome outcome, FetchDiagnosisOptions settings, FetchDiagnosisOptions introspectionSettings, bool discoveryOnline, bool keysOnline, CancellationToken cancellationToken)
    {
        var checks = outcome.Checks;
        var index = -1;
        var kind = FetchDocumentKind.Json;
        string? target = null;
        for (var i = 0; i < checks.Count && index < 0; i++)
        {
            if (checks[i].Passed) continue;
            if (checks[i].Name == ToolHiveCheckNames.JwtDiscovery && discoveryOnline) (index, kind, target) = (i, FetchDocumentKind.Discovery, checks[i].Expected);
            else if (checks[i].Name == ToolHiveCheckNames.JwtJwks && keysOnline) (index, kind, target) = (i, FetchDocumentKind.Jwks, checks[i].Expected);
            // Only a request that got no answer: an HTTP status is already the Call check's observation.
            else if (checks[i].Name == ToolHiveCheckNames.IntrospectionCall && outcome.IntrospectionUnanswered) (index, kind, target) = (i, FetchDocumentKind.Json, IntrospectionUrlOf(checks));
            // The dial-time block refused the connection: the request was made, so its steps show where it stopped
            // (the transport check just before observes the URL).
            else if (i > 0 && checks[i - 1].Name == checks[i].Name.Replace(".PrivateAddress", ".HttpsTransport", StringComparison.Ordinal))
            {
                if (checks[i].Name == ToolHiveCheckNames.FetchDiscoveryPrivateAddress && discoveryOnline) (index, kind, target) = (i, FetchDocumentKind.Discovery, checks[i - 1].Observed);
                else if (checks[i].Name == ToolHiveCheckNames.FetchJwksPrivateAddress && keysOnline) (index, kind, target) = (i, FetchDocumentKind.Jwks, checks[i - 1].Observed);
                else if (checks[i].Name == ToolHiveCheckNames.FetchIntrospectionPrivateAddress) (index, kind, target) = (i, FetchDocumentKind.Json, checks[i - 1].Observed);
            }
        }

        // A URL that is not absolute http(s) was never fetched.
        if (index < 0 || !Uri.TryCreate(target, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            return (checks, null);

        var options = checks[index].Name is ToolHiveCheckNames.IntrospectionCall or ToolHiveCheckNames.FetchIntrospectionPrivateAddress ? introspectionSettings : settings;
        var report = await new FetchDiagnosis(options).RunAsync(url, kind, cancellationToken).ConfigureAwait(false);
        return ([.. checks.Take(index + 1), .. report.Checks, .. checks.Skip(index + 1)], report.Fix);
    }

    // The introspection endpoint check observes the configured introspectionUrl.
    private static string? IntrospectionUrlOf(IReadOnlyList<Check> checks) => checks.FirstOrDefault(c => c.Name == ToolHiveCheckNames.IntrospectionEndpoint)?.Observed;

    /// <summary>Go's http.DefaultClient, which unauthenticated RFC 7662 introspection uses: system roots, no private-IP block, no bearer, proxies honoured.</summary>
    private FetchDiagnosisOptions DefaultClientSettings() =>
        new() { Client = new HttpClientOptions { Trust = TrustRoots.System, AllowPrivateAddresses = true, UseProxy = true, Timeout = timeout, UserAgent = "ToolHive/1.0" } };

    /// <summary>The provider's client as ToolHive builds it: caCertPath as the only roots, allowPrivateIP, authTokenFile as a bearer.</summary>
    private FetchDiagnosisOptions ClientSettings(ToolHiveProvider provider, List<string> warnings)
    {
        var trust = TrustRoots.System;
        if (provider.CaCertPath.Length > 0)
        {
            try
            {
                trust = TrustRoots.FromPemFile(provider.CaCertPath);
            }
            catch (TrustRootsException e)
            {
                warnings.Add($"Provider {provider.Name}: caCertPath {provider.CaCertPath} could not be read here ({e.Message}); the system roots are used instead.");
            }
        }

        var bearer = provider.AuthTokenFile.Length > 0 ? ReadTrimmed(provider.AuthTokenFile, "authTokenFile", provider, warnings) : null;
        return new FetchDiagnosisOptions
        {
            Client = new HttpClientOptions { Trust = trust, AllowPrivateAddresses = provider.AllowPrivateIP, Timeout = timeout, UserAgent = "ToolHive/1.0" },
            Bearer = bearer is null ? null : new Secret(bearer),
            BearerSource = bearer is null ? null : $"authTokenFile {provider.AuthTokenFile}",
        };
    }

    private static HttpClient CreateClient(FetchDiagnosisOptions settings)
    {
        var client = HttpClientFactory.Create(settings.Client);
        if (settings.Bearer is { } bearer) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer.Reveal());
        return client;
    }

    private static ToolHiveTokenProvider ToTokenProvider(ToolHiveProvider provider, List<string> warnings)
    {
        var secret = provider.ClientSecretFile.Length > 0 ? ReadTrimmed(provider.ClientSecretFile, "clientSecretFile", provider, warnings) : null;
        return new ToolHiveTokenProvider
        {
            Name = provider.Name,
            IssuerUrl = provider.IssuerUrl,
            Audience = provider.Audience,
            JwksUrl = provider.JwksUrl.Length > 0 ? provider.JwksUrl : null,
            IntrospectionUrl = provider.IntrospectionUrl.Length > 0 ? provider.IntrospectionUrl : null,
            ClientId = provider.ClientId.Length > 0 ? provider.ClientId : null,
            ClientSecret = secret is null ? null : new Secret(secret),
        };
    }

    // The file's content with surrounding white space removed (as Go's strings.TrimSpace); never shown.
    private static string? ReadTrimmed(string path, string key, ToolHiveProvider provider, List<string> warnings)
    {
        try
        {
            return Files.BoundedFileReader.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"Provider {provider.Name}: {key} {path} could not be read here ({(e is Files.FileContentException f ? f.Message : e.GetType().Name)}); calls that need it are made without it.");
            return null;
        }
    }
}
