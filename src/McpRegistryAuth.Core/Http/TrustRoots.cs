using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace McpRegistryAuth.Core.Http;

/// <summary>
/// Which certificates a client trusts: the system store, or exactly the certificates of a PEM file.
/// A CA file replaces the system roots, as ToolHive's <c>caCertPath</c> does.
/// </summary>
public sealed class TrustRoots
{
    private TrustRoots(X509Certificate2Collection? authorities, string? caFile)
    {
        Authorities = authorities;
        CaFile = caFile;
    }

    /// <summary>The operating system's trust store.</summary>
    public static TrustRoots System { get; } = new(null, null);

    /// <summary>Certificates that replace the system roots; null for the system store.</summary>
    public X509Certificate2Collection? Authorities { get; }

    public string? CaFile { get; }

    /// <summary>The roots a -CaCertPath names, or the system's when none is given.</summary>
    /// <exception cref="Reporting.CommandFailureException">CaCertPathInvalid: the file holds no usable certificate.</exception>
    public static TrustRoots FromOptionalPemFile(string? path)
    {
        if (path is null)
        {
            return System;
        }

        try
        {
            return FromPemFile(path);
        }
        catch (TrustRootsException ex)
        {
            throw new Reporting.CommandFailureException("CaCertPathInvalid", Reporting.FailureCategory.InvalidData, ex.Message, path, "Pass a PEM file with at least one certificate.", ex);
        }
    }

    /// <summary>Reads a PEM bundle. Throws <see cref="TrustRootsException"/> with ToolHive's wording when unreadable or empty.</summary>
    public static TrustRoots FromPemFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string pem;
        try
        {
            pem = Files.BoundedFileReader.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TrustRootsException($"failed to read CA certificate bundle: open {path}: {ex.Message}", ex);
        }

        return FromPem(pem, path);
    }

    /// <summary>Parses PEM text; certificates that do not parse are skipped, as Go's AppendCertsFromPEM does.</summary>
    public static TrustRoots FromPem(string pem, string? source = null)
    {
        var collection = new X509Certificate2Collection();
        const string begin = "-----BEGIN CERTIFICATE-----";
        const string end = "-----END CERTIFICATE-----";
        var index = 0;
        while ((index = pem.IndexOf(begin, index, StringComparison.Ordinal)) >= 0)
        {
            var stop = pem.IndexOf(end, index, StringComparison.Ordinal);
            if (stop < 0) break;
            var block = pem[index..(stop + end.Length)];
            index = stop + end.Length;
            try
            {
                collection.Add(X509Certificate2.CreateFromPem(block));
            }
            catch (CryptographicException)
            {
                // Skipped like Go; an all-bad bundle ends as "no certificate" below.
            }
        }

        if (collection.Count == 0)
        {
            throw new TrustRootsException("failed to parse CA certificate bundle", null);
        }

        return new TrustRoots(collection, source);
    }

    /// <summary>The TLS server-certificate decision for these roots.</summary>
    public bool Validate(X509Certificate2 serverCertificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        if (Authorities is null)
        {
            return errors == SslPolicyErrors.None;
        }

        // Name mismatch or no certificate is fatal whatever the roots; chain errors are re-judged below.
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(serverCertificate);
    }
}
