using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.Tests.Http;
using CoreHttp = McpRegistryAuth.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace McpRegistryAuth.Core.Tests.OAuth;

/// <summary>
/// A Kestrel server on 127.0.0.1 over HTTPS (a test CA) that answers as Entra ID's v2 endpoints do for one
/// tenant, since Entra itself cannot be reached here: the OpenID configuration, /oauth2/v2.0/devicecode and
/// /oauth2/v2.0/token with Entra's error bodies (AADSTS codes) for authorization_pending, slow_down,
/// expired_token and a declined sign-in, and tokens shaped as Entra issues them (v2 access token, ID token,
/// client_info, a refresh token rotated at each use). The test acts as the user at <see cref="VerificationPath"/>.
/// </summary>
internal sealed class LoopbackEntra : IAsyncDisposable
{
    public const string Tenant = "0b2a7f9e-4c1d-4e8a-9f3b-5d6c7e8f9a01";
    public const string VerificationPath = "/devicelogin";
    public const string UserObjectId = "6f1e2d3c-4b5a-4978-8a6b-1c2d3e4f5a6b";

    private readonly WebApplication app;
    private readonly RSA signingKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, DeviceCode> codes = new();
    private readonly ConcurrentDictionary<string, string> refreshTokens = new();

    private LoopbackEntra(WebApplication app, TestCertificates certificates)
    {
        this.app = app;
        Certificates = certificates;
        BaseUrl = app.Urls.First().TrimEnd('/');
    }

    public TestCertificates Certificates { get; }

    public string BaseUrl { get; }

    /// <summary>What a user gives -Authority: the tenant's v2.0 issuer on this server.</summary>
    public Uri Authority => new($"{BaseUrl}/{Tenant}/v2.0");

    public int ExpiresIn { get; set; } = 900;

    public int Interval { get; set; } = 1;

    /// <summary>How many of the next device-code polls are answered slow_down.</summary>
    public int SlowDowns { get; set; }

    /// <summary>After this many seconds the server answers expired_token, whatever expires_in said.</summary>
    public int? ServerExpirySeconds { get; set; }

    public int AccessTtl { get; set; } = 3600;

    /// <summary>Every device-code poll: when, and what was answered.</summary>
    public ConcurrentQueue<(DateTimeOffset At, string Answer)> Polls { get; } = new();

    /// <summary>Every request: method, path, and the form's grant_type and scope.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every device code, access token and refresh token issued, to look for in what the module wrote.</summary>
    public ConcurrentQueue<string> Issued { get; } = new();

    public static async Task<LoopbackEntra> StartAsync()
    {
        var certificates = new TestCertificates();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http1;
            l.UseHttps(certificates.Server);
        }));
        var app = builder.Build();
        LoopbackEntra? entra = null;
        app.Run(context => entra!.HandleAsync(context));
        await app.StartAsync();
        entra = new LoopbackEntra(app, certificates);
        return entra;
    }

    /// <summary>
    /// The user at the verification page (over HTTPS, as a browser posts its form): enters the code and
    /// approves, or declines (Entra answers authorization_declined; the RFC's access_denied can be asked).
    /// </summary>
    public async Task<HttpStatusCode> ActAsUserAsync(string userCode, bool approve, string declineError = "authorization_declined")
    {
        using var client = CoreHttp.HttpClientFactory.Create(new CoreHttp.HttpClientOptions { Trust = CoreHttp.TrustRoots.FromPem(TestCertificates.Pem(Certificates.Authority)) });
        using var response = await client.PostAsync(BaseUrl + VerificationPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = userCode,
            ["decision"] = approve ? "approved" : declineError,
        }));
        return response.StatusCode;
    }

    /// <summary>Revokes every refresh token (a password reset or an administrator's revocation).</summary>
    public void RevokeRefreshTokens() => refreshTokens.Clear();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        signingKey.Dispose();
        Certificates.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        Requests.Enqueue($"{context.Request.Method} {path} {form?["grant_type"]} {form?["scope"]}".TrimEnd());
        var tenantRoot = $"/{Tenant}";
        if (path == $"{tenantRoot}/v2.0/.well-known/openid-configuration")
        {
            await Json(context, 200, new Dictionary<string, object>
            {
                ["issuer"] = $"{BaseUrl}/{Tenant}/v2.0",
                ["authorization_endpoint"] = $"{BaseUrl}/{Tenant}/oauth2/v2.0/authorize",
                ["token_endpoint"] = $"{BaseUrl}/{Tenant}/oauth2/v2.0/token",
                ["device_authorization_endpoint"] = $"{BaseUrl}/{Tenant}/oauth2/v2.0/devicecode",
                ["jwks_uri"] = $"{BaseUrl}/{Tenant}/discovery/v2.0/keys",
                ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
                ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
                ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "private_key_jwt", "client_secret_basic" },
                ["tenant_region_scope"] = "EU",
            });
            return;
        }

        if (path == $"{tenantRoot}/oauth2/v2.0/devicecode" && form is not null)
        {
            var code = new DeviceCode(Base64Url(RandomNumberGenerator.GetBytes(48)), UserCodeOf(), form["client_id"].ToString(), form["scope"].ToString(), DateTimeOffset.UtcNow);
            codes[code.Code] = code;
            Issued.Enqueue(code.Code);
            await Json(context, 200, new Dictionary<string, object>
            {
                ["user_code"] = code.UserCode,
                ["device_code"] = code.Code,
                ["verification_uri"] = BaseUrl + VerificationPath,
                ["expires_in"] = ExpiresIn,
                ["interval"] = Interval,
                ["message"] = $"To sign in, use a web browser to open the page {BaseUrl}{VerificationPath} and enter the code {code.UserCode} to authenticate.",
            });
            return;
        }

        if (path == VerificationPath && form is not null)
        {
            var entered = codes.Values.FirstOrDefault(c => c.UserCode == form["user_code"].ToString());
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.StatusCode = entered is null ? 400 : 200;
            if (entered is not null) entered.Decision = form["decision"].ToString();
            await context.Response.WriteAsync(entered is null ? "<p>That code was not recognised.</p>" : "<p>You may now close this window.</p>");
            return;
        }

        if (path == $"{tenantRoot}/oauth2/v2.0/token" && form is not null)
        {
            await TokenAsync(context, form);
            return;
        }

        context.Response.StatusCode = 404;
    }

    private async Task TokenAsync(HttpContext context, IFormCollection form)
    {
        switch (form["grant_type"].ToString())
        {
            case "urn:ietf:params:oauth:grant-type:device_code" or "device_code":
                if (!codes.TryGetValue(form["device_code"].ToString(), out var code))
                {
                    await Error(context, "invalid_grant", 70000, "The provided value for the 'device_code' is not valid.");
                    return;
                }

                string answer;
                if (SlowDowns > 0)
                {
                    SlowDowns--;
                    answer = "slow_down";
                }
                else if (DateTimeOffset.UtcNow - code.Issued > TimeSpan.FromSeconds(ServerExpirySeconds ?? ExpiresIn))
                {
                    answer = "expired_token";
                }
                else
                {
                    answer = code.Decision ?? "authorization_pending";
                }

                Polls.Enqueue((DateTimeOffset.UtcNow, answer));
                switch (answer)
                {
                    case "approved":
                        codes.TryRemove(code.Code, out _);
                        await Tokens(context, code.ClientId, code.Scope);
                        return;
                    case "authorization_pending":
                        await Error(context, answer, 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
                        return;
                    case "slow_down":
                        await Error(context, answer, 70016, "OAuth 2.0 device flow error. Poll less often.");
                        return;
                    case "expired_token":
                        await Error(context, answer, 70020, "The provided value for the input parameter 'device_code' is not valid. Device codes expire after 15 minutes.");
                        return;
                    default:
                        await Error(context, answer, 70000, "The user declined the sign-in.");
                        return;
                }

            case "refresh_token":
                var presented = form["refresh_token"].ToString();
                if (!refreshTokens.TryRemove(presented, out var scope))
                {
                    await Error(context, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed.");
                    return;
                }

                await Tokens(context, form["client_id"].ToString(), scope);
                return;
            default:
                await Error(context, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
                return;
        }
    }

    /// <summary>A success as Entra answers it: the granted API scopes (without openid, profile, offline_access), the tokens and client_info.</summary>
    private async Task Tokens(HttpContext context, string clientId, string asked)
    {
        var granted = string.Join(' ', asked.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => s is not ("openid" or "profile" or "offline_access")));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var issuer = $"{BaseUrl}/{Tenant}/v2.0";
        var accessToken = Jwt(new Dictionary<string, object>
        {
            ["aud"] = "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09", ["iss"] = issuer, ["iat"] = now, ["nbf"] = now, ["exp"] = now + AccessTtl,
            ["azp"] = clientId, ["oid"] = UserObjectId, ["tid"] = Tenant, ["sub"] = "alice-sub", ["scp"] = string.Join(' ', granted.Split(' ').Select(s => s[(s.LastIndexOf('/') + 1)..])),
            // uti: Entra's unique token id; without it two tokens issued in the same second would be identical.
            ["preferred_username"] = "alice@contoso.test", ["ver"] = "2.0", ["uti"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
        });
        var idToken = Jwt(new Dictionary<string, object>
        {
            ["aud"] = clientId, ["iss"] = issuer, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 3600, ["oid"] = UserObjectId, ["tid"] = Tenant,
            ["sub"] = "alice-sub", ["preferred_username"] = "alice@contoso.test", ["name"] = "Alice", ["ver"] = "2.0",
        });
        var refreshToken = "1.AR" + Base64Url(RandomNumberGenerator.GetBytes(96));
        refreshTokens[refreshToken] = asked;
        Issued.Enqueue(accessToken);
        Issued.Enqueue(refreshToken);
        await Json(context, 200, new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = granted,
            ["expires_in"] = AccessTtl,
            ["ext_expires_in"] = AccessTtl,
            ["access_token"] = accessToken,
            ["refresh_token"] = refreshToken,
            ["id_token"] = idToken,
            ["client_info"] = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { uid = UserObjectId, utid = Tenant })),
        });
    }

    private string Jwt(Dictionary<string, object> claims)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { typ = "JWT", alg = "RS256", kid = "loopback-entra" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = signingKey.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    /// <summary>Entra's error body: error, "AADSTSnnnnn: text" with trace and correlation ids, error_codes, error_uri; HTTP 400.</summary>
    private static Task Error(HttpContext context, string error, int aadsts, string text) =>
        Json(context, 400, new Dictionary<string, object>
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{aadsts}: {text} Trace ID: {Guid.NewGuid()} Correlation ID: {Guid.NewGuid()} Timestamp: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ssZ}",
            ["error_codes"] = new[] { aadsts },
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
            ["error_uri"] = $"https://login.microsoftonline.com/error?code={aadsts}",
        });

    private static Task Json(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store, no-cache";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static string UserCodeOf()
    {
        const string letters = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(Enumerable.Range(0, 9).Select(_ => letters[RandomNumberGenerator.GetInt32(letters.Length)]).ToArray());
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class DeviceCode(string code, string userCode, string clientId, string scope, DateTimeOffset issued)
    {
        public string Code { get; } = code;

        public string UserCode { get; } = userCode;

        public string ClientId { get; } = clientId;

        public string Scope { get; } = scope;

        public DateTimeOffset Issued { get; } = issued;

        public volatile string? Decision;
    }
}
