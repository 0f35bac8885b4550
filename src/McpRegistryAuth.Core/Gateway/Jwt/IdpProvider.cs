using System.Text.Json;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// One of the gateway's <c>auth_server/providers/*.py</c> classes: its settings from the
/// environment, the issuers and audiences it accepts, its JWKS URL and how it maps claims to an identity.
/// Common to all: RS256 only, a <c>kid</c> header required, no clock leeway.
/// </summary>
internal abstract class IdpProvider
{
    protected IdpProvider(IReadOnlyDictionary<string, string> environment) => Environment = environment;

    protected IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The provider's name, which is also the verdict's auth <c>method</c>.</summary>
    public abstract string Method { get; }

    public abstract IReadOnlyList<string> RequiredVariables { get; }

    public abstract string JwksUrl { get; }

    public abstract string[] Issuers { get; }

    /// <summary>Accepted audiences for this token, or null when the provider does not check <c>aud</c> for it.</summary>
    public abstract string[]? AudiencesFor(JwtParts parts);

    /// <summary>Provider checks after <c>jwt.decode</c> succeeded; false at the first failure.</summary>
    public virtual bool CheckAfterDecode(JwtParts parts, List<Check> checks) => true;

    public abstract IdpIdentity IdentityOf(JsonObjectView claims);

    /// <summary>What an accepted token of this provider carries that the gateway ignores although it looks meant for it.</summary>
    public virtual IEnumerable<string> WarningsFor(JsonObjectView claims) => Array.Empty<string>();

    /// <summary>Hints for the usual mistakes with this provider, given the failed check.</summary>
    public virtual IEnumerable<string> HintsFor(Check failed, JsonObjectView claims) => Array.Empty<string>();

    /// <summary><c>os.environ.get(name, default)</c>: a set-but-empty variable stays empty.</summary>
    protected string Get(string name, string fallback = "") => Environment.TryGetValue(name, out var v) ? v : fallback;

    protected string? GetOrNull(string name) => Environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>A comma- or space-separated list variable.</summary>
    protected string[] List(string name) => Get(name).Split(new[] { ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> MissingVariables() => RequiredVariables.Where(v => string.IsNullOrEmpty(Get(v))).ToArray();

    protected static string? First(JsonObjectView claims, params string[] names)
    {
        foreach (var name in names)
        {
            if (claims.TryGet(name, out var v) && v.ValueKind != JsonValueKind.Null)
            {
                var text = v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
                if (!string.IsNullOrEmpty(text)) return text;
            }
        }

        return null;
    }

    protected static IReadOnlyList<string> ScopeSplit(JsonObjectView claims, string name = "scope") =>
        claims.GetString(name) is { } s ? ClaimReader.SplitWhitespace(s) : Array.Empty<string>();

    protected static IReadOnlyList<string> StringList(JsonObjectView claims, string name) => ClaimReader.Strings(claims, name);

    /// <summary>The provider for <c>AUTH_PROVIDER</c> (default cognito); null for a name the factory rejects.</summary>
    public static IdpProvider? For(string name, IReadOnlyDictionary<string, string> environment, string? serverPath) => name switch
    {
        "keycloak" => new KeycloakProvider(environment),
        "cognito" => new CognitoProvider(environment),
        "entra" => new EntraProvider(environment, serverPath),
        "okta" => new OktaProvider(environment),
        "auth0" => new Auth0Provider(environment),
        _ => null,
    };

    public static readonly string[] KnownNames = { "keycloak", "cognito", "entra", "okta", "auth0", "pingfederate" };
}
