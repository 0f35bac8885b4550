namespace McpRegistryAuth.Core.ToolHive;

/// <summary>Stable codes of findings about a ToolHive Registry Server configuration.</summary>
public static class ToolHiveFindingCodes
{
    // Errors: the server refuses to start (load-time validation, in the server's order).
    public const string AuthRequired = "THV001";
    public const string InvalidMode = "THV002";
    public const string OAuthRequired = "THV003";
    public const string ProvidersRequired = "THV004";
    public const string ProviderNameRequired = "THV005";
    public const string IssuerRequired = "THV006";
    public const string IssuerInvalid = "THV007";
    public const string IssuerNotAbsolute = "THV008";
    public const string IssuerNotHttps = "THV009";
    public const string AudienceRequired = "THV010";
    public const string DecodeError = "THV011";

    // Errors at application build time (files named by the config).
    public const string ClientSecretFile = "THV012";
    public const string CaCertPath = "THV013";
    public const string AuthTokenFile = "THV014";
    public const string UnsupportedConfigType = "THV015";
    public const string SkipDiscoveryWithoutJwksUrl = "THV016";
    public const string AuthModeFlag = "THV017";

    // Warnings: accepted silently by the server, but not what the operator meant.
    public const string UnknownKey = "THV020";
    public const string SnakeCaseKey = "THV021";
    public const string ScopesSupportedIgnored = "THV022";
    public const string IssuerTrailingSlash = "THV023";
    public const string ResourceUrlTrailingSlash = "THV024";
    public const string EmptyAuthzIsOpen = "THV025";
    public const string CamelCaseClaimKey = "THV026";
    public const string RuleNeverMatches = "THV027";
    public const string PublicPathExposesApi = "THV028";
    public const string LocalIssuerNeedsBothFlags = "THV029";
    public const string InClusterHostNeedsPrivateIp = "THV030";
    public const string IntrospectionDropsClaims = "THV031";
    public const string GitHubIntrospectionNeverSucceeds = "THV032";
    public const string CaCertReplacesSystemRoots = "THV033";
    public const string DuplicateProvider = "THV034";
    public const string HealthPathOnMainPort = "THV035";
    public const string InsecureAllowHttpIgnored = "THV036";
    public const string InsecureUrlFromYaml = "THV037";
    public const string CaseCollision = "THV038";
    public const string IssuerSchemeCase = "THV039";
    public const string HttpEndpointRefusedAtRuntime = "THV040";
    public const string ClientIdWithoutSecret = "THV041";
    public const string ResourceUrlWithPath = "THV042";
    public const string ResourceUrlMissing = "THV043";
    public const string AuthzWithAnonymous = "THV044";
    public const string PublicPathNeverMatches = "THV045";
    public const string EnvironmentOverrideIgnored = "THV046";
    public const string RealmSanitized = "THV047";

    // Information.
    public const string FragmentNotEvaluated = "THV050";
    public const string FileNotCheckedHere = "THV051";
    public const string AnonymousOAuthNotChecked = "THV052";
    public const string EnvironmentOverride = "THV053";
}
