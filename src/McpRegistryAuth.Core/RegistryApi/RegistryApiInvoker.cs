using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.Payloads;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.RegistryApi.Diagnosis;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>
/// One Invoke-RegistryApi call, prepared: the URL, body, header and token settled from the parameters, the
/// profile and the environment; then sent as one request or as every page of a listing. An unsuccessful
/// answer becomes its <see cref="CommandFailureException"/> (401 and 403 diagnosed). Blocking methods, for a
/// cmdlet that writes each item on its own thread as soon as its page arrives.
/// </summary>
public sealed class RegistryApiInvoker
{
    private readonly RegistryApiCall call;
    private readonly RegistryApiClient client;
    private readonly OperationLog log;
    private readonly RegistryType registryType;
    private readonly string rootPath;

    private RegistryApiInvoker(RegistryApiCall call, RegistryApiClient client, OperationLog log, RegistryApiRequest request, RegistryType registryType, string rootPath)
    {
        (this.call, this.client, this.log, Request, this.registryType, this.rootPath) = (call, client, log, request, registryType, rootPath);
    }

    public RegistryApiRequest Request { get; private set; }

    /// <summary>True unless -AsPlainText: token fields of answers are shown as <see cref="TokenFields.Mask"/>.</summary>
    public bool MasksTokens => !call.AsPlainText;

    /// <summary>"METHOD URL", for ShouldProcess and messages.</summary>
    public string Description => $"{Request.Method} {Request.Uri}";

    /// <summary>Settles the request. The profile's token is acquired later, in <see cref="Send"/>, so -WhatIf asks the IdP nothing.</summary>
    /// <exception cref="CommandFailureException">TokenInHeader, RegistryUrlMissing, RegistryUriInvalid, BodyNotFormFields.</exception>
    public static RegistryApiInvoker Open(RegistryApiCall call, OperationLog log, HttpClient? http = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(log);
        if (call.Headers.FirstOrDefault(h => h.Key.Equals(TokenHeaderRule.Authorization, StringComparison.OrdinalIgnoreCase) || h.Key.Equals(TokenHeaderRule.XAuthorization, StringComparison.OrdinalIgnoreCase)) is { Key: { } named })
        {
            throw new CommandFailureException("TokenInHeader", FailureCategory.InvalidArgument,
                $"-Header names {named}: a token goes in through -Token, -TokenFile or -Profile, so that it stays out of logs and is never sent to another origin.",
                named, "Pass the token with -Token (a SecureString, or a token object piped in) or -TokenFile.");
        }

        var (uri, rootPath) = RegistryTarget.Resolve(call.Uri, call.RegistryUrl, call.Profile?.RegistryUri, call.EnvironmentRegistryUrl);
        uri = QueryString.Add(uri, call.Query);
        var method = call.Method.ToUpperInvariant();
        var registryType = Enum.TryParse<RegistryType>(call.RegistryType, out var given) ? given
            : call.Profile?.RegistryType ?? RegistryTarget.Infer(uri.AbsolutePath, rootPath) ?? RegistryType.ToolRegistry;
        var style = call.Profile?.HeaderStyle ?? HeaderStyle.Auto;
        var headerName = style switch
        {
            HeaderStyle.Authorization => TokenHeaderRule.Authorization,
            HeaderStyle.XAuthorization => TokenHeaderRule.XAuthorization,
            _ => TokenHeaderRule.HeaderFor(registryType, uri, rootPath),
        };
        var encoding = GatewayBodyEncodingRule.For(method, uri.AbsolutePath, registryType == RegistryType.Gateway ? rootPath : "");
        var body = EncodedBody.From(call.Body, encoding);
        log.Verbose($"{method} {uri}: {registryType} registry, token header {headerName}" +
            (body is null ? "" : $", body {body.Encoding} ({body.ContentType}) as the server expects for this path"));
        var request = new RegistryApiRequest
        {
            Method = method, Uri = uri, Body = body, Token = call.Token, HeaderName = headerName, Headers = call.Headers,
            Timeout = call.Timeout, AllowUnencryptedAuthentication = call.AllowUnencryptedAuthentication,
        };
        var api = new RegistryApiClient(new RetryPolicy(call.MaximumRetryCount), log, http, delay);
        return new RegistryApiInvoker(call, api, log, request, registryType, rootPath);
    }

    /// <summary>One request; a successful answer, or the failure it stands for.</summary>
    /// <exception cref="CommandFailureException">The answer was not 2xx (ErrorIds of <see cref="RegistryApiFailures"/>), or no answer came.</exception>
    public RegistryApiResponse Send(CancellationToken cancellationToken) => SendAsync(Request, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Every item of every page, each page fetched when the previous one's items are consumed: memory holds one
    /// page at a time. An element is valid until the next one is asked for (its page is then released).
    /// Unmasked (<paramref name="masked"/> false), the caller masks token fields itself while it converts the items.
    /// </summary>
    public IEnumerable<JsonPayload> Items(CancellationToken cancellationToken, bool masked = true) =>
        Elements(cancellationToken, masked).Select(item => new JsonPayload(item));

    /// <inheritdoc cref="Items"/>
    internal IEnumerable<JsonElement> Elements(CancellationToken cancellationToken, bool masked = true)
    {
        var pager = Pager.For(Request.Uri);
        var uri = pager.First(Request.Uri);
        var page = 0;
        while (uri is not null)
        {
            page++;
            var response = SendAsync(Request with { Uri = uri }, cancellationToken).GetAwaiter().GetResult();
            if (response.Body.Length == 0) yield break;
            using var document = ParseDocument(response, masked);
            var count = 0;
            foreach (var item in Pager.ItemsOf(document.RootElement, uri))
            {
                count++;
                yield return item;
            }

            var next = pager.Next(uri, document.RootElement, count);
            log.Verbose($"page {page} ({pager.Style}): {count} item(s){(next is null ? ", last page" : "")}");
            uri = next;
        }
    }

    /// <summary>The answer's JSON, token fields masked unless -AsPlainText (or <paramref name="masked"/> is false: the caller masks them).</summary>
    /// <exception cref="CommandFailureException">RegistryApiResponseNotJson.</exception>
    public JsonPayload Parse(RegistryApiResponse response, bool masked = true)
    {
        var document = ParseDocument(response, masked);
        return new JsonPayload(document.RootElement, document);
    }

    /// <inheritdoc cref="Parse"/>
    internal JsonDocument ParseDocument(RegistryApiResponse response, bool masked = true)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            return JsonDocument.Parse(call.AsPlainText || !masked ? response.Body : TokenFields.MaskJson(response.Body));
        }
        catch (JsonException ex)
        {
            throw new CommandFailureException("RegistryApiResponseNotJson", FailureCategory.InvalidData,
                $"{response.Method} {response.Uri} answered {response.Status} with a body that is not JSON ({response.MediaType ?? "no Content-Type"}): {ex.Message}",
                response.Uri.AbsoluteUri, "Use -Raw to see the answer as it is.", ex);
        }
    }

    /// <summary>The headers for -Raw, each name once with every value as received; a session cookie masked unless -AsPlainText.</summary>
    public Dictionary<string, string[]> RawHeaders(RegistryApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(
            g => g.Key,
            g => g.SelectMany(h => call.AsPlainText ? h.Value : SecretHeaders.Mask(h.Key, h.Value)).ToArray(),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The body as text for -Raw: token fields masked in JSON unless -AsPlainText.</summary>
    public string RawBody(RegistryApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (call.AsPlainText || !response.LooksLikeJson) return response.BodyText;
        try
        {
            return Encoding.UTF8.GetString(TokenFields.MaskJson(response.Body));
        }
        catch (JsonException)
        {
            return response.BodyText;
        }
    }

    private async Task<RegistryApiResponse> SendAsync(RegistryApiRequest request, CancellationToken cancellationToken)
    {
        if (request.Token is null && call.Profile is { ClientId: not null } profile && (profile.Authority ?? profile.TokenEndpoint) is not null)
        {
            var (tokenRequest, _) = TokenRequestBuilder.Build(new TokenParameters { Timeout = call.Timeout }, profile, call.ResolvePath);
            var token = await AccessTokenClient.GetAsync(tokenRequest, log, cancellationToken).ConfigureAwait(false);
            log.Verbose($"token {token.Fingerprint} from profile '{profile.Name}' ({(token.FromCache ? "cache" : token.Provider.ToString())})");
            Request = Request with { Token = token.Token };
            request = request with { Token = token.Token };
        }

        var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess) return response;
        AuthFailureDiagnosis? diagnosis = null;
        if (response.Status is 401 or 403)
        {
            diagnosis = await new AuthFailureDiagnoser(RegistryApiClient.Shared).DiagnoseAsync(new AuthFailureContext
            {
                Response = response, Token = request.Token, HeaderName = request.HeaderName, RegistryType = registryType, RootPath = rootPath,
                RequestBody = request.Body is { } b ? Encoding.UTF8.GetString(b.Bytes) : null, Scopes = call.Scopes,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var check in diagnosis.Checks) log.Verbose(check.ToString());
            foreach (var finding in diagnosis.Findings) log.Warning(finding.ToString());
        }

        throw RegistryApiFailures.From(response, diagnosis);
    }
}
