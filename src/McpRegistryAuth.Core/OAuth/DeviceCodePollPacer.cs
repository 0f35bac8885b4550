using System.Net;
using System.Text;
using System.Text.Json;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Honours RFC 8628's slow_down for MSAL, whose device-code loop (4.92) keeps polling only on
/// authorization_pending and fails on anything else: a slow_down answer is handed to MSAL as
/// authorization_pending, and every later poll is held back 5 s more per slow_down, so the IdP sees the
/// interval grow as the RFC asks. Only device-code polls are touched; the answer's body is the IdP's own
/// error with the error code replaced.
/// </summary>
internal sealed class DeviceCodePollPacer(OperationLog log) : DelegatingHandler
{
    private int slowDowns;

    /// <summary>The interval the device authorization answer named, for the narration.</summary>
    public TimeSpan Interval { get; set; } = DeviceCodeFlow.DefaultInterval;

    public TimeSpan ExtraWait => DeviceCodeFlow.DefaultInterval * Volatile.Read(ref slowDowns);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!await IsDevicePollAsync(request, cancellationToken).ConfigureAwait(false)) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (ExtraWait > TimeSpan.Zero) await Task.Delay(ExtraWait, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.BadRequest || response.Content is null) return response;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        // The read buffered the body, so MSAL reads it again from the buffer.
        if (ErrorOf(text) != "slow_down") return response;

        var count = Interlocked.Increment(ref slowDowns);
        log.Verbose($"The IdP asked to poll less often (slow_down): every {(Interval + DeviceCodeFlow.DefaultInterval * count).TotalSeconds:0} s from now on.");
        response.Dispose();
        var pending = "{\"error\":\"authorization_pending\",\"error_description\":\"slow_down: polling every " + (Interval + DeviceCodeFlow.DefaultInterval * count).TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " s\"}";
        return new HttpResponseMessage(HttpStatusCode.BadRequest) { RequestMessage = request, Content = new StringContent(pending, Encoding.UTF8, "application/json") };
    }

    private static async Task<bool> IsDevicePollAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || request.Content is null) return false;
        // MSAL's form content is a byte buffer, so reading it here leaves it whole for the send.
        var body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        // MSAL sends Entra's short form, grant_type=device_code; RFC 8628 names the URN.
        var grant = body.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "grant_type" && p.Length == 2)?[1];
        return grant is not null && Uri.UnescapeDataString(grant.Replace('+', ' ')) is "device_code" or DeviceCodeFlow.GrantType;
    }

    private static string? ErrorOf(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
