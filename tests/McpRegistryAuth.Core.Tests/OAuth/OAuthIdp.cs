using System.Security.Cryptography;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Tests.Idp;
using Xunit;

namespace McpRegistryAuth.Core.Tests.OAuth;

/// <summary>
/// The real oidc-provider with the clients the token tests use (rs256-client: client_secret_basic; post-client:
/// client_secret_post; jwt-client: private_key_jwt with <see cref="KeyPath"/>), and its Cognito-shaped /oauth2/token.
/// </summary>
public sealed class OAuthIdp : IAsyncLifetime
{
    private readonly TempDirectory folder = new();

    public IdpServer Server { get; private set; } = null!;

    /// <summary>PEM of jwt-client's RSA private key.</summary>
    public string KeyPath { get; private set; } = "";

    public string Folder => folder.Path;

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        KeyPath = folder.Write("client-key.pem", rsa.ExportPkcs8PrivateKeyPem());
        using var key = ClientSigningKey.FromPemFile(KeyPath);
        Server = await IdpServer.StartAsync(clientJwks: new { keys = new[] { key.PublicJwk() } });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        folder.Dispose();
    }

    /// <summary>Runs a request as Get-McpAccessToken does, its log dropped.</summary>
    public static Task<AccessTokenResult> GetAsync(ClientCredentialsRequest request) => AccessTokenClient.GetAsync(request, new OperationLog(), CancellationToken.None);

    /// <summary>A request to this IdP trusting its test CA, with a cache file of its own unless told otherwise.</summary>
    public ClientCredentialsRequest Request(string clientId, ClientAuthentication authentication = ClientAuthentication.ClientSecretBasic, string? secret = IdpServer.ClientSecret, string? cachePath = null) => new()
    {
        Authority = new Uri(Server.Issuer),
        Provider = OAuthProvider.Oidc,
        ClientId = clientId,
        ClientSecret = secret is null ? null : new Secret(secret),
        Authentication = authentication,
        Scopes = ["read"],
        Trust = TrustRoots.FromPemFile(Server.CaFile),
        Timeout = TimeSpan.FromSeconds(20),
        CachePath = cachePath ?? Path.Combine(Folder, Guid.NewGuid().ToString("N"), TokenCacheFile.FileName),
    };
}
