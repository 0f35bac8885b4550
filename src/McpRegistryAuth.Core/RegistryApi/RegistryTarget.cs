using System.Text.RegularExpressions;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>
/// Where a call goes: -Uri as given when absolute, else appended to the registry URL (-RegistryUrl, then the
/// profile's, then REGISTRY_URL), keeping the registry URL's path as the gateway's root path; and which server
/// family answers there when the caller does not say.
/// </summary>
public static partial class RegistryTarget
{
    /// <exception cref="CommandFailureException">RegistryUrlMissing, RegistryUriInvalid.</exception>
    public static (Uri Uri, string RootPath) Resolve(string uri, string? registryUrl, string? profileUrl, string? environmentUrl)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            var given = registryUrl ?? profileUrl ?? environmentUrl;
            var root = given is not null && Uri.TryCreate(given, UriKind.Absolute, out var b) && RegistryApiClient.SameOrigin(b, absolute)
                && absolute.AbsolutePath.StartsWith(b.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal) ? b.AbsolutePath.TrimEnd('/') : "";
            return (absolute, root);
        }

        if (uri.Contains("://", StringComparison.Ordinal))
        {
            throw Invalid(uri, "-Uri must be an http or https URL, or a path such as /api/servers.");
        }

        var (baseText, source) = registryUrl is not null ? (registryUrl, "-RegistryUrl")
            : profileUrl is not null ? (profileUrl, "the profile's RegistryUri")
            : environmentUrl is not null ? (environmentUrl, "REGISTRY_URL")
            : throw new CommandFailureException("RegistryUrlMissing", FailureCategory.InvalidArgument,
                $"-Uri '{uri}' is a path, and no registry URL says where it goes.", uri,
                "Give -RegistryUrl https://registry.example.com, a -Profile with a RegistryUri, or set $env:REGISTRY_URL; or give -Uri as an absolute URL.");
        if (!Uri.TryCreate(baseText, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            throw Invalid(baseText, $"{source} '{baseText}' must be an absolute http or https URL, e.g. https://registry.example.com.");
        }

        var rootPath = baseUri.AbsolutePath.TrimEnd('/');
        var (path, query) = uri.IndexOf('?') is var q && q >= 0 ? (uri[..q], uri[(q + 1)..]) : (uri, "");
        var combined = new UriBuilder(baseUri) { Path = rootPath + "/" + path.TrimStart('/'), Query = query }.Uri;
        return (combined, rootPath);
    }

    /// <summary>The server family a path belongs to when the caller does not say: ToolHive's routes, the gateway's registry API, else null.</summary>
    public static RegistryType? Infer(string path, string rootPath)
    {
        ArgumentNullException.ThrowIfNull(path);
        var relative = rootPath.Length > 0 && path.StartsWith(rootPath, StringComparison.Ordinal) ? path[rootPath.Length..] : path;
        if (ToolHiveRoute().IsMatch(relative)) return RegistryType.ToolHive;
        return Gateway.GatewayPaths.IsRegistryApi(path, rootPath) ? RegistryType.Gateway : null;
    }

    private static CommandFailureException Invalid(string value, string message) =>
        new("RegistryUriInvalid", FailureCategory.InvalidArgument, message, value, "Give an absolute http or https URL.");

    [GeneratedRegex(@"^(/registry/[^/]+/v0\.1/|/v1/)")]
    private static partial Regex ToolHiveRoute();
}
