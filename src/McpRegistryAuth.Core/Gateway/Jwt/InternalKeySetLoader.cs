using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// The auth server's ES256 public keys for a token test (1.32): from the PEM file the server signs with
/// (-SigningKeyPath, its INTERNAL_SIGNING_KEY_PATH) or from the key set it publishes (-InternalJwks: a file, the
/// JSON text, or the URL of /.well-known/internal-jwks.json). Kept apart from the identity provider's -Jwks.
/// </summary>
public static class InternalKeySetLoader
{
    /// <returns>Null when neither was given.</returns>
    /// <exception cref="CommandFailureException">A key file or key set cannot be read (ErrorId InvalidSigningKey or InvalidInternalJwks).</exception>
    public static KeySet? Load(string? signingKeyPath, string? internalJwks, Func<string, string> resolvePath, HttpClient client, IReportWriter report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolvePath);
        ArgumentNullException.ThrowIfNull(report);
        if (signingKeyPath is not null && internalJwks is not null)
        {
            throw new CommandFailureException("AmbiguousSigningKeys", FailureCategory.InvalidArgument,
                "Give either -SigningKeyPath (the auth server's key file) or -InternalJwks (its published key set), not both.");
        }

        if (signingKeyPath is not null)
        {
            try
            {
                var keys = InternalSigningKey.KeySetOf(resolvePath(signingKeyPath), DateTimeOffset.UtcNow);
                report.Verbose($"Self-signed ES256 key from {keys.Source}: kid {keys.KeyIds[0]} (the private key is only used to derive the public key).");
                return keys;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                throw new CommandFailureException("InvalidSigningKey", FailureCategory.InvalidData, ex.Message, signingKeyPath, inner: ex);
            }
        }

        if (internalJwks is null) return null;
        if (Uri.TryCreate(internalJwks, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            var fetched = new HttpKeySetSource(client, noCache: true).GetKeySetAsync(uri, cancellationToken).GetAwaiter().GetResult();
            if (fetched.KeySet is null)
            {
                throw new CommandFailureException("InvalidInternalJwks", FailureCategory.ConnectionError, $"-InternalJwks: {fetched.Error}",
                    internalJwks, fix: "Check the auth server's URL (port 8888 inside the deployment): GET /.well-known/internal-jwks.json needs no token.");
            }

            report.Verbose($"Self-signed ES256 keys from {uri}: {string.Join(", ", fetched.KeySet.Describe())}.");
            return fetched.KeySet;
        }

        try
        {
            var keys = OfflineDocuments.LoadKeySet(internalJwks, DateTimeOffset.UtcNow, resolvePath, "-InternalJwks");
            report.Verbose($"Self-signed ES256 keys from {keys.Source}: {string.Join(", ", keys.Describe())}.");
            return keys;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CommandFailureException("InvalidInternalJwks", FailureCategory.InvalidData, ex.Message, inner: ex);
        }
    }
}
