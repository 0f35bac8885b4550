using System.Net;
using System.Text.Json;

namespace McpRegistryAuth.Core.Http;

/// <summary>
/// Client-side discovery as an MCP client does it (MCP 2025-11-25 authorization, RFC 9728, RFC 8414):
/// probe without credentials, follow <c>resource_metadata</c> or the well-known URLs, then fetch each
/// authorization server's metadata. Never sends a credential.
/// </summary>
public sealed class RegistryAuthMetadataClient(HttpClient http)
{
    /// <summary>The registry URL to probe: absolute, http or https.</summary>
    /// <exception cref="Reporting.CommandFailureException">RegistryUriInvalid.</exception>
    public static Uri ParseRegistryUri(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new Reporting.CommandFailureException(
                "RegistryUriInvalid",
                Reporting.FailureCategory.InvalidArgument,
                $"-Uri '{value}' must be an absolute http or https URL, e.g. https://registry.example.com/registry/default/v0.1/servers.",
                value);
        }

        return uri;
    }

    public async Task<RegistryAuthMetadata> DiscoverAsync(Uri registryUri, string? wwwAuthenticate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registryUri);
        var checks = new List<Check>();
        var findings = new List<Finding>();
        int? probeStatus = null;
        var header = wwwAuthenticate;
        if (header is null)
        {
            var probe = await GetAsync(registryUri.AbsoluteUri, cancellationToken).ConfigureAwait(false);
            probeStatus = probe.Status;
            checks.Add(new Check(MetadataCheckNames.Probe, probe.Status == 401, probe.Status?.ToString() ?? probe.Error, "401 with WWW-Authenticate"));
            header = probe.WwwAuthenticate;
            if (probe.Status is null)
            {
                // The well-known URLs are on the same host: nothing more can be learned, and the cause is the answer.
                findings.Add(Unreachable(registryUri, probe.Error));
                return new RegistryAuthMetadata { RegistryUri = registryUri.AbsoluteUri, Unreachable = probe.Error, Checks = checks, Findings = findings };
            }

            if (probe.Status is not 401)
            {
                findings.Add(Note(FindingSeverity.Info, MetadataFindingCodes.NoChallenge,
                    $"The unauthenticated probe of {registryUri} returned {probe.Status}, not 401; trying the well-known URLs.",
                    registryUri.AbsoluteUri, null));
            }
        }

        var challenge = WwwAuthenticateParser.Parse(header).FirstOrDefault(c => c.IsBearer) ?? WwwAuthenticateParser.Parse(header).FirstOrDefault();
        var candidates = new List<(string Url, ResourceMetadataSource Source)>();
        if (challenge?.ResourceMetadata is { Length: > 0 } fromChallenge)
        {
            candidates.Add((fromChallenge, ResourceMetadataSource.Challenge));
        }
        else if (challenge is not null)
        {
            findings.Add(Note(FindingSeverity.Info, MetadataFindingCodes.NoResourceMetadataParameter,
                "The challenge has no resource_metadata parameter; trying the well-known URLs (MCP 2025-11-25 order).", header, null));
        }

        if (WellKnownUrls.ProtectedResourcePathInserted(registryUri) is { } inserted) candidates.Add((inserted, ResourceMetadataSource.PathInserted));
        candidates.Add((WellKnownUrls.ProtectedResourceRoot(registryUri), ResourceMetadataSource.Root));
        var appended = WellKnownUrls.ProtectedResourcePathAppended(registryUri);
        if (candidates.All(c => c.Url != appended)) candidates.Add((appended, ResourceMetadataSource.PathAppended));

        string? document = null;
        string? documentUrl = null;
        ResourceMetadataSource? source = null;
        JsonElement root = default;
        string? noAnswer = null;
        var answered = false;
        foreach (var (url, candidateSource) in candidates.DistinctBy(c => c.Url))
        {
            var response = await GetAsync(url, cancellationToken).ConfigureAwait(false);
            answered |= response.Status is not null;
            noAnswer ??= response.Error;
            var ok = response.Status == 200 && TryParseObject(response.Body, out root);
            checks.Add(new Check(MetadataCheckNames.ProtectedResource(candidateSource), ok, $"{url} -> {response.Status?.ToString() ?? response.Error}", "200 with a JSON object"));
            if (response.Status == 200 && !ok)
            {
                findings.Add(Note(FindingSeverity.Error, MetadataFindingCodes.InvalidDocument, $"{url} answered 200 but not with a JSON object.", url, null));
            }

            if (!ok) continue;
            document = response.Body;
            documentUrl = url;
            source = candidateSource;
            break;
        }

        if (document is null && !answered)
        {
            findings.Add(Unreachable(new Uri(candidates[0].Url), noAnswer));
            return new RegistryAuthMetadata { RegistryUri = registryUri.AbsoluteUri, Challenge = challenge, Unreachable = noAnswer, Checks = checks, Findings = findings };
        }

        if (document is null)
        {
            findings.Add(Note(FindingSeverity.Error, MetadataFindingCodes.ResourceMetadataNotFound,
                "No protected-resource metadata was found at any of: " + string.Join(", ", candidates.Select(c => c.Url)) + ".", registryUri.AbsoluteUri,
                "On ToolHive, set auth.oauth.resourceUrl and use mode: oauth (the document is served only in oauth mode)."));
            return new RegistryAuthMetadata { RegistryUri = registryUri.AbsoluteUri, ProbeStatus = probeStatus, Challenge = challenge, Checks = checks, Findings = findings };
        }

        if (source == ResourceMetadataSource.PathAppended)
        {
            findings.Add(Note(FindingSeverity.Warning, MetadataFindingCodes.FoundOnlyPathAppended,
                $"The metadata was found only at {documentUrl}, ToolHive's path-appended form; MCP clients look only at the challenge's resource_metadata and the RFC 9728 locations.", documentUrl!,
                "Make sure 401 responses carry resource_metadata (set resourceUrl), or serve the document at the RFC 9728 location."));
        }

        var resource = String(root, "resource");
        var servers = Strings(root, "authorization_servers") ?? [];
        CheckResource(registryUri, resource, documentUrl!, findings);
        if (servers.Count == 0)
        {
            findings.Add(Note(FindingSeverity.Error, MetadataFindingCodes.NoAuthorizationServers, "The metadata lists no authorization_servers; MCP clients cannot find where to get a token.", documentUrl!, null));
        }

        var serverMetadata = new List<AuthorizationServerMetadata>();
        foreach (var issuer in servers)
        {
            serverMetadata.Add(await DiscoverAuthorizationServerAsync(issuer, checks, findings, cancellationToken).ConfigureAwait(false));
        }

        return new RegistryAuthMetadata
        {
            RegistryUri = registryUri.AbsoluteUri,
            ProbeStatus = probeStatus,
            Challenge = challenge,
            ResourceMetadataUrl = documentUrl,
            ResourceMetadataSource = source,
            ResourceMetadataDocument = document,
            Resource = resource,
            AuthorizationServers = servers,
            BearerMethodsSupported = Strings(root, "bearer_methods_supported"),
            ScopesSupported = Strings(root, "scopes_supported"),
            AuthorizationServerMetadata = serverMetadata,
            Checks = checks,
            Findings = findings,
        };
    }

    private static void CheckResource(Uri requested, string? resource, string documentUrl, List<Finding> findings)
    {
        if (string.IsNullOrEmpty(resource))
        {
            findings.Add(Note(FindingSeverity.Error, MetadataFindingCodes.ResourceMismatch, "The metadata's resource is empty; RFC 9728 requires it and clients must not use the document.", documentUrl,
                "On ToolHive, set auth.oauth.resourceUrl."));
            return;
        }

        var requestedText = requested.AbsoluteUri.TrimEnd('/');
        if (string.Equals(resource.TrimEnd('/'), requestedText, StringComparison.Ordinal)) return;
        if (Uri.TryCreate(resource, UriKind.Absolute, out var resourceUri) && requestedText.StartsWith(resourceUri.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
        {
            findings.Add(Note(FindingSeverity.Info, MetadataFindingCodes.ToolHiveBaseUrlResource,
                $"resource is {resource}, a prefix of the requested {requested}: ToolHive advertises its base URL (auth.oauth.resourceUrl) for every route, while RFC 9728 §3.3 asks for the URL the client used.", documentUrl,
                "Clients that compare strictly will refuse this; request the base URL, or configure the client with it."));
            return;
        }

        findings.Add(Note(FindingSeverity.Warning, MetadataFindingCodes.ResourceMismatch,
            $"resource is {resource}, which does not match the requested {requested}; RFC 9728 §3.3 says the metadata must not be used.", documentUrl,
            "Set the server's resource (ToolHive: auth.oauth.resourceUrl) to the public URL clients use."));
    }

    private async Task<AuthorizationServerMetadata> DiscoverAuthorizationServerAsync(string issuer, List<Check> checks, List<Finding> findings, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || issuerUri.Scheme is not ("http" or "https"))
        {
            findings.Add(Note(FindingSeverity.Error, MetadataFindingCodes.AuthorizationServerUnreachable, $"The authorization server {issuer} is not an http(s) URL.", issuer, null));
            return new AuthorizationServerMetadata { Issuer = issuer };
        }

        if (issuerUri.Scheme == "http")
        {
            findings.Add(Note(FindingSeverity.Warning, MetadataFindingCodes.InsecureEndpoint, $"The authorization server {issuer} uses plain http.", issuer, "Use https in production."));
        }

        var tried = new List<string>();
        var errors = new List<string>();
        foreach (var url in WellKnownUrls.AuthorizationServerMetadata(issuerUri))
        {
            tried.Add(url);
            var response = await GetAsync(url, cancellationToken).ConfigureAwait(false);
            JsonElement root = default;
            var ok = response.Status == 200 && TryParseObject(response.Body, out root);
            checks.Add(new Check(MetadataCheckNames.AuthorizationServer, ok, $"{url} -> {response.Status?.ToString() ?? response.Error}", "200 with a JSON object"));
            if (!ok)
            {
                errors.Add($"{url}: {response.Status?.ToString() ?? response.Error}");
                continue;
            }

            var metadata = new AuthorizationServerMetadata
            {
                Issuer = issuer,
                MetadataUrl = url,
                TriedUrls = tried,
                ReportedIssuer = String(root, "issuer"),
                AuthorizationEndpoint = String(root, "authorization_endpoint"),
                TokenEndpoint = String(root, "token_endpoint"),
                JwksUri = String(root, "jwks_uri"),
                CodeChallengeMethodsSupported = Strings(root, "code_challenge_methods_supported"),
                GrantTypesSupported = Strings(root, "grant_types_supported"),
            };
            if (!string.Equals(metadata.ReportedIssuer, issuer, StringComparison.Ordinal))
            {
                findings.Add(Note(FindingSeverity.Error, MetadataFindingCodes.IssuerMismatch,
                    $"{url} reports issuer {metadata.ReportedIssuer ?? "(none)"}, not {issuer}; RFC 8414 §3.3 says clients must not use it (and ToolHive compares a token's iss with its issuerUrl exactly).", url,
                    "Use the issuer exactly as the authorization server reports it, trailing slash included."));
            }

            if (!metadata.SupportsPkceS256)
            {
                findings.Add(Note(FindingSeverity.Warning, MetadataFindingCodes.NoPkce,
                    metadata.CodeChallengeMethodsSupported is null
                        ? $"{issuer} does not publish code_challenge_methods_supported; MCP clients (2025-11-25) refuse to proceed without it."
                        : $"{issuer} does not list S256 in code_challenge_methods_supported; MCP clients require PKCE S256.", url,
                    "Enable PKCE S256 on the authorization server, or configure the client manually."));
            }

            foreach (var (name, endpoint) in new[] { ("token_endpoint", metadata.TokenEndpoint), ("jwks_uri", metadata.JwksUri), ("authorization_endpoint", metadata.AuthorizationEndpoint) })
            {
                if (endpoint?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true)
                {
                    var consequence = name == "jwks_uri" ? "; ToolHive refuses to fetch an http JWKS without THV_REGISTRY_INSECURE_URL" : "; tokens and codes would cross the network unencrypted";
                    findings.Add(Note(FindingSeverity.Warning, MetadataFindingCodes.InsecureEndpoint, $"{name} {endpoint} uses plain http{consequence}.", url, "Use https in production."));
                }
            }

            return metadata;
        }

        findings.Add(Note(FindingSeverity.Error, MetadataFindingCodes.AuthorizationServerUnreachable,
            $"No metadata for the authorization server {issuer}: " + string.Join("; ", errors) + ".", issuer,
            "Check the issuer URL and that the server is reachable from here."));
        return new AuthorizationServerMetadata { Issuer = issuer, TriedUrls = tried };
    }

    private async Task<(int? Status, string? Body, string? WwwAuthenticate, string? Error)> GetAsync(string url, CancellationToken cancellationToken)
    {
        using var deadline = ResponseBody.Deadline(http, cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var (bytes, tooLarge) = await ResponseBody.ReadAsync(response.Content, Tokens.JsonFetch.MaxBytes, deadline.Token).ConfigureAwait(false);
            if (tooLarge)
            {
                return (null, null, null, $"the answer is larger than {Tokens.JsonFetch.MaxBytes} bytes (reading stopped there)");
            }

            var body = System.Text.Encoding.UTF8.GetString(bytes);
            var challenge = response.Headers.WwwAuthenticate.Count > 0 ? string.Join(", ", response.Headers.GetValues("WWW-Authenticate")) : null;
            return ((int)response.StatusCode, body, challenge, null);
        }
        catch (HttpRequestException ex)
        {
            // The innermost cause names it (host not found, connection refused, the certificate's problem).
            return (null, null, null, FetchDiagnosis.Innermost(ex));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, null, $"timed out after {http.Timeout.TotalSeconds:0.#} s (the time-out covers the whole answer, body included)");
        }
        catch (InvalidOperationException ex)
        {
            return (null, null, null, ex.Message);
        }
    }

    private static bool TryParseObject(string? body, out JsonElement root)
    {
        root = default;
        if (body is null) return false;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
            root = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IReadOnlyList<string>? Strings(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : null;

    private static Finding Unreachable(Uri uri, string? error) => Note(FindingSeverity.Error, MetadataFindingCodes.Unreachable,
        $"{uri.Authority} gave no HTTP answer: {error}. Nothing about its authentication could be learned.", uri.AbsoluteUri,
        "Check the host name and port in -Uri, and that the registry runs and can be reached from here (DNS, VPN, proxy, firewall).");

    private static Finding Note(FindingSeverity severity, string code, string message, string? where, string? fix) => new()
    {
        Severity = severity,
        Code = code,
        Message = message,
        Path = where,
        Fix = fix,
    };
}
