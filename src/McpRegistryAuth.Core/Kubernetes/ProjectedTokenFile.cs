using System.Globalization;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Core.ToolHive;

namespace McpRegistryAuth.Core.Kubernetes;

/// <summary>
/// A projected service-account token file (<c>serviceAccountToken</c> volume source). The kubelet rotates
/// the token before it expires by swapping the volume's <c>..data</c> link, so the path stays and the
/// content changes: <see cref="Current"/> reads the file on every call and notes a rotation when the token
/// differs from the last one read. The token is decoded, not verified (the API server's keys are not here);
/// its audience is compared with a ToolHive provider's <c>audience</c> the way the registry server compares it.
/// </summary>
public sealed class ProjectedTokenFile
{
    public const string SubjectPrefix = "system:serviceaccount:";

    // One per path in the process, so a rotation between two commands of a session is seen.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProjectedTokenFile> Known = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private string? lastFingerprint;

    public ProjectedTokenFile(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>The process's reader of this file (its full path), which remembers the last token read.</summary>
    public static ProjectedTokenFile For(string fullPath) => Known.GetOrAdd(fullPath, p => new ProjectedTokenFile(p));

    /// <summary>The token as the file holds it now; <paramref name="audience"/> (a ToolHive provider's) is checked when given.</summary>
    /// <exception cref="FileContentException">The file is missing, empty or not a JWT.</exception>
    public ServiceAccountToken Current(DateTimeOffset now, ToolHiveProvider? audience = null)
    {
        if (!File.Exists(Path)) throw new FileContentException(Path, "ServiceAccountTokenNotFound", $"The service-account token file '{Path}' does not exist. Is the projected volume mounted (serviceAccountToken in the pod's volumes)?");
        var text = TextFileContent.Read(Path, maxBytes: 1024 * 1024).Text.Trim();
        if (text.Length == 0) throw new FileContentException(Path, "ServiceAccountTokenEmpty", $"The service-account token file '{Path}' is empty.");
        var token = new Secret(text);
        var inspection = TokenInspector.Inspect(token, now);
        if (inspection.Kind != TokenKind.Jwt)
        {
            throw new FileContentException(Path, "ServiceAccountTokenNotJwt", $"The file '{Path}' does not hold a JWT (token {token.Fingerprint}, {inspection.SegmentCount} segment(s)): a service-account token is one.");
        }

        var checks = new List<Check> { new(KubernetesCheckNames.Format, true, $"JWT {token.Fingerprint}, issuer {inspection.Issuer ?? "(none)"}", "one JWT") };
        string? previous;
        lock (gate)
        {
            (previous, lastFingerprint) = (lastFingerprint, token.Fingerprint);
        }

        if (previous is not null)
        {
            var rotated = previous != token.Fingerprint;
            checks.Add(new Check(KubernetesCheckNames.Rotation, true, rotated ? $"rotated: {previous} -> {token.Fingerprint}" : $"unchanged since the last read ({token.Fingerprint})", "the file read again on every use"));
        }

        var subject = inspection.Subject;
        var parts = subject is not null && subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) ? subject[SubjectPrefix.Length..].Split(':') : null;
        var named = parts is { Length: 2 } && parts[0].Length > 0 && parts[1].Length > 0;
        checks.Add(new Check(KubernetesCheckNames.Subject, named, subject ?? "(no sub)", SubjectPrefix + "<namespace>:<name>",
            named ? null : "This does not look like a Kubernetes service-account token; check the path."));
        checks.Add(ExpiryCheck(inspection, now));
        if (audience is not null) checks.Add(AudienceCheck(inspection.Audiences, audience));
        return new ServiceAccountToken
        {
            Token = token, Path = Path, Issuer = inspection.Issuer, Audiences = inspection.Audiences, Subject = subject,
            Namespace = named ? parts![0] : null, ServiceAccount = named ? parts![1] : null,
            ExpiresOn = inspection.ExpiresAt?.Utc, IssuedAt = inspection.IssuedAt?.Utc, ReadAt = now, Checks = checks,
        };
    }

    /// <summary>The provider to compare the audience with: the one named, else the first with an audience.</summary>
    /// <exception cref="CommandFailureException">ToolHiveConfigInvalid, ToolHiveProviderNotFound.</exception>
    public static ToolHiveProvider ProviderFrom(string configPath, string? providerName)
    {
        var report = ToolHiveConfigLoader.LoadFile(configPath);
        var providers = report.Config?.OAuth?.Providers ?? [];
        if (report.Config is null || providers.Count == 0)
        {
            throw new CommandFailureException("ToolHiveProviderNotFound", FailureCategory.ObjectNotFound,
                $"'{configPath}' has no auth.oauth.providers{(report.FirstError is { } error ? $" ({error.Message})" : "")}.", configPath,
                "Run Test-RegistryAuthConfig on it, or leave -ConfigPath out.");
        }

        return (providerName is null ? providers.FirstOrDefault(p => p.Audience.Length > 0) : providers.FirstOrDefault(p => p.Name == providerName))
            ?? throw new CommandFailureException("ToolHiveProviderNotFound", FailureCategory.ObjectNotFound,
                $"'{configPath}' has no provider {(providerName is null ? "with an audience" : $"named '{providerName}'")}; its providers: {string.Join(", ", providers.Select(p => p.Name))}.",
                providerName ?? configPath, "Pass -ProviderName with one of the names above.");
    }

    private static Check ExpiryCheck(TokenInspection inspection, DateTimeOffset now)
    {
        if (inspection.ExpiresAt?.Utc is not { } expires)
        {
            return new Check(KubernetesCheckNames.Expiry, false, "no exp claim", "exp in the future",
                "A token without exp is a legacy secret-based token (iss kubernetes/serviceaccount): mount a projected serviceAccountToken volume instead.");
        }

        var passed = expires > now;
        return new Check(KubernetesCheckNames.Expiry, passed,
            $"exp {expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z ({inspection.ExpiresAt!.Relative})", "exp in the future",
            passed ? null : "The kubelet has not rotated the token: is the pod still running, and is the file the volume's path?");
    }

    private static Check AudienceCheck(IReadOnlyList<string> audiences, ToolHiveProvider provider)
    {
        var passed = audiences.Contains(provider.Audience, StringComparer.Ordinal);
        var observed = audiences.Count == 0 ? "no aud" : "aud " + string.Join(", ", audiences);
        return new Check(KubernetesCheckNames.Audience, passed, observed, $"'{provider.Audience}' (provider '{provider.Name}', exact match)",
            passed ? null : $"Set the projected volume's serviceAccountToken.audience to '{provider.Audience}', or the provider's audience to what the token carries.");
    }
}
