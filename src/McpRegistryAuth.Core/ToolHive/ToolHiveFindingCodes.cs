namespace McpRegistryAuth.Core.ToolHive;

/// <summary>Stable codes of findings about a ToolHive Registry Server configuration.</summary>
public static class ToolHiveFindingCodes
{
    // Errors: the server refuses to start (load-time validation, in the server's order).
    /// <summary>The configuration has no auth section: the server does not start.</summary>
    public const string AuthRequired = "THV001";
    /// <summary>auth.mode is neither anonymous nor oauth: the server does not start.</summary>
    public const string InvalidMode = "THV002";
    /// <summary>mode is oauth but auth.oauth is missing: the server does not start.</summary>
    public const string OAuthRequired = "THV003";
    /// <summary>mode is oauth but auth.oauth.providers is missing or empty: the server does not start.</summary>
    public const string ProvidersRequired = "THV004";
    /// <summary>A provider has no name: the server does not start.</summary>
    public const string ProviderNameRequired = "THV005";
    /// <summary>A provider has no issuerUrl: the server does not start.</summary>
    public const string IssuerRequired = "THV006";
    /// <summary>A provider's issuerUrl cannot be parsed as a URL: the server does not start.</summary>
    public const string IssuerInvalid = "THV007";
    /// <summary>A provider's issuerUrl is not an absolute URL with a host: the server does not start.</summary>
    public const string IssuerNotAbsolute = "THV008";
    /// <summary>A provider's issuerUrl is plain http without THV_REGISTRY_INSECURE_URL=true: the server does not start.</summary>
    public const string IssuerNotHttps = "THV009";
    /// <summary>A provider has no audience: the server does not start.</summary>
    public const string AudienceRequired = "THV010";
    /// <summary>A value cannot be decoded into its setting's type (e.g. a bool that is not true or false): the server does not start.</summary>
    public const string DecodeError = "THV011";

    // Errors at application build time (files named by the config).
    /// <summary>clientSecretFile is not absolute or does not exist: the application is not built.</summary>
    public const string ClientSecretFile = "THV012";
    /// <summary>caCertPath cannot be read or holds no certificate: the application is not built.</summary>
    public const string CaCertPath = "THV013";
    /// <summary>authTokenFile cannot be read or is empty: the application is not built.</summary>
    public const string AuthTokenFile = "THV014";
    /// <summary>The file's extension is not a lower-case .yaml or .yml: the server does not read it.</summary>
    public const string UnsupportedConfigType = "THV015";
    /// <summary>TOOLHIVE_SKIP_OIDC_DISCOVERY=true with a provider that has no jwksUrl: the application is not built.</summary>
    public const string SkipDiscoveryWithoutJwksUrl = "THV016";
    /// <summary>The --auth-mode flag disagrees with the file: an error when it names an unknown mode, a warning when it turns on unvalidated providers.</summary>
    public const string AuthModeFlag = "THV017";

    // Warnings: accepted silently by the server, but not what the operator meant.
    /// <summary>A key the server does not read (a client secret included) is silently ignored.</summary>
    public const string UnknownKey = "THV020";
    /// <summary>A snake_case or kebab-case key is ignored: keys match case-insensitively, but '_' and '-' are not removed.</summary>
    public const string SnakeCaseKey = "THV021";
    /// <summary>scopesSupported is ignored since v1.4.4: no scope is checked or advertised.</summary>
    public const string ScopesSupportedIgnored = "THV022";
    /// <summary>issuerUrl ends with '/', while most IdPs emit iss without it, and iss is compared exactly.</summary>
    public const string IssuerTrailingSlash = "THV023";
    /// <summary>resourceUrl ends with '/': 401 responses advertise a resource_metadata URL with '//'.</summary>
    public const string ResourceUrlTrailingSlash = "THV024";
    /// <summary>auth.authz has no rules and is dropped: every authenticated caller holds every role.</summary>
    public const string EmptyAuthzIsOpen = "THV025";
    /// <summary>A role rule's claim key has upper-case letters, which the server lower-cases, so the claim never matches.</summary>
    public const string CamelCaseClaimKey = "THV026";
    /// <summary>A role or rule that no token can match (an empty rule, a value without a string, a whole-string match on a list of scopes).</summary>
    public const string RuleNeverMatches = "THV027";
    /// <summary>A public path that makes every path public: no request is authenticated.</summary>
    public const string PublicPathExposesApi = "THV028";
    /// <summary>A plain-http or private-host issuer passes load but every fetch fails without both THV_REGISTRY_INSECURE_URL and allowPrivateIP.</summary>
    public const string LocalIssuerNeedsBothFlags = "THV029";
    /// <summary>An in-cluster host name resolves to a private address, which the server refuses to dial without allowPrivateIP: true.</summary>
    public const string InClusterHostNeedsPrivateIp = "THV030";
    /// <summary>Introspection keeps only iss, sub, aud, scope and exp, so role rules on other claims never match opaque tokens.</summary>
    public const string IntrospectionDropsClaims = "THV031";
    /// <summary>GitHub token introspection has no exp, so every token fails as expired.</summary>
    public const string GitHubIntrospectionNeverSucceeds = "THV032";
    /// <summary>caCertPath replaces the system trust store for that provider's fetches.</summary>
    public const string CaCertReplacesSystemRoots = "THV033";
    /// <summary>Two providers share a name or an issuer; the server allows it, but its logs cannot tell them apart.</summary>
    public const string DuplicateProvider = "THV034";
    /// <summary>A public path for /health, /readiness, /version or /metrics, which live on the internal port since v1.1.0.</summary>
    public const string HealthPathOnMainPort = "THV035";
    /// <summary>auth.insecureAllowHTTP has no effect: THV_REGISTRY_INSECURE_URL overwrites it.</summary>
    public const string InsecureAllowHttpIgnored = "THV036";
    /// <summary>The top-level key insecure_url: true is honoured like THV_REGISTRY_INSECURE_URL.</summary>
    public const string InsecureUrlFromYaml = "THV037";
    /// <summary>Two keys differ only in case; the server lower-cases keys and keeps one of them at random.</summary>
    public const string CaseCollision = "THV038";
    /// <summary>issuerUrl has an upper-case scheme or surrounding spaces: it passes validation but never equals a token's iss.</summary>
    public const string IssuerSchemeCase = "THV039";
    /// <summary>jwksUrl is not https: not checked at load, but every fetch is refused.</summary>
    public const string HttpEndpointRefusedAtRuntime = "THV040";
    /// <summary>clientId without a client secret: introspection requests carry no HTTP Basic authentication.</summary>
    public const string ClientIdWithoutSecret = "THV041";
    /// <summary>resourceUrl has a path, while the server serves its metadata only at its own root.</summary>
    public const string ResourceUrlWithPath = "THV042";
    /// <summary>resourceUrl is not set: 401 responses carry no resource_metadata and the RFC 9728 document has an empty resource.</summary>
    public const string ResourceUrlMissing = "THV043";
    /// <summary>auth.authz has no effect in anonymous mode.</summary>
    public const string AuthzWithAnonymous = "THV044";
    /// <summary>A public path that never matches (empty, or written as a glob).</summary>
    public const string PublicPathNeverMatches = "THV045";
    /// <summary>A THV_REGISTRY_* variable for a key the file does not have: the server ignores it.</summary>
    public const string EnvironmentOverrideIgnored = "THV046";
    /// <summary>The realm holds a quote or line break, which the server escapes or removes in WWW-Authenticate.</summary>
    public const string RealmSanitized = "THV047";

    // Information.
    /// <summary>An auth fragment (no sources, registries or database section): the checks the server runs on those first were not evaluated.</summary>
    public const string FragmentNotEvaluated = "THV050";
    /// <summary>A file the configuration names is not on this machine and was not checked.</summary>
    public const string FileNotCheckedHere = "THV051";
    /// <summary>mode is anonymous, so auth.oauth is neither checked nor used.</summary>
    public const string AnonymousOAuthNotChecked = "THV052";
    /// <summary>A THV_REGISTRY_* variable overrides a value written in the file.</summary>
    public const string EnvironmentOverride = "THV053";
}
