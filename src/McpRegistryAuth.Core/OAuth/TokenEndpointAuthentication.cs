namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Lets MSAL, which always sends the client secret in the form body (client_secret_post), serve clients
/// registered for client_secret_basic: a token request's client_id and client_secret move into an HTTP
/// Basic header (RFC 6749 2.3.1), and client_id is not repeated in the body. Other requests pass unchanged.
/// </summary>
internal sealed class TokenEndpointAuthentication : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && request.Content is { } content && request.Headers.Authorization is null)
        {
            // Reading buffers the content, so an unchanged request still sends the same bytes.
            var form = System.Web.HttpUtility.ParseQueryString(await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (form["client_secret"] is { } secret && form["client_id"] is { } clientId)
            {
                request.Content = new FormUrlEncodedContent(form.AllKeys
                    .Where(k => k is not null and not "client_id" and not "client_secret")
                    .Select(k => new KeyValuePair<string, string>(k!, form[k]!)));
                request.Headers.Authorization = TokenEndpointClient.BasicCredentials(clientId, secret);
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
