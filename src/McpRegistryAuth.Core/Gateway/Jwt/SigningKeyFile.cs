using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// Writes a new P-256 signing key, the kind INTERNAL_SIGNING_KEY_GENERATE makes in memory, to a PEM file the auth
/// server can mount as INTERNAL_SIGNING_KEY_PATH: atomically, mode 0600, never over an existing file unless asked.
/// </summary>
public static class SigningKeyFile
{
    /// <returns>The new key's kid.</returns>
    /// <param name="path">The key file; null when the caller named none (SigningKeyPathRequired).</param>
    /// <param name="force">Replace an existing file (a key rotation).</param>
    /// <exception cref="CommandFailureException">No path, the file exists and <paramref name="force"/> is false (SigningKeyExists), or it cannot be written.</exception>
    public static string Write(string? path, bool force)
    {
        if (path is null)
            throw new CommandFailureException("SigningKeyPathRequired", FailureCategory.InvalidArgument, "-GenerateKey needs -SigningKeyPath: the file to write the new key to.", fix: "Add -SigningKeyPath ./key.pem.");
        if (File.Exists(path) && !force)
        {
            throw new CommandFailureException("SigningKeyExists", FailureCategory.ResourceExists,
                $"'{path}' exists: replacing the auth server's signing key rotates it (tokens signed by the old key stay valid only while the server keeps it).", path,
                "Give a new path, or -Force to replace the key.");
        }

        var (pem, kid) = InternalSigningKey.Generate();
        try
        {
            AtomicFileWriter.WriteAllText(path, pem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailureException("SigningKeyNotWritten", FailureCategory.WriteError, $"'{path}' could not be written: {ex.Message}", path, inner: ex);
        }

        return kid;
    }
}
