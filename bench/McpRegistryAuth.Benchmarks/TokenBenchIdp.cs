using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Tests.Idp;

namespace McpRegistryAuth.Benchmarks;

/// <summary>The loopback oidc-provider the token benchmarks ask, and the request they send it.</summary>
internal sealed class TokenBenchIdp : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mra-bench-").FullName;

    private TokenBenchIdp(IdpServer server)
    {
        Server = server;
        Request = new ClientCredentialsRequest
        {
            Authority = new Uri(server.Issuer),
            Provider = OAuthProvider.Oidc,
            ClientId = "rs256-client",
            ClientSecret = new Secret(IdpServer.ClientSecret),
            Scopes = ["read"],
            Trust = TrustRoots.FromPemFile(server.CaFile),
            CachePath = Path.Combine(folder, TokenCacheFile.FileName),
        };
    }

    public IdpServer Server { get; }

    public ClientCredentialsRequest Request { get; }

    public static TokenBenchIdp Start() => new(IdpServer.StartAsync().GetAwaiter().GetResult());

    public AccessTokenResult Get(ClientCredentialsRequest request) => AccessTokenClient.GetAsync(request, new OperationLog(), CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose()
    {
        Server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(folder, recursive: true);
    }
}
