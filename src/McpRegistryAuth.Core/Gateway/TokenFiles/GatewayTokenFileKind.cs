namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>The two token files the gateway's credentials-provider scripts write under <c>.oauth-tokens/</c>.</summary>
public enum GatewayTokenFileKind
{
    /// <summary><c>ingress.json</c>: the M2M token for the gateway itself (oauth/ingress_oauth.py).</summary>
    Ingress,

    /// <summary><c>{provider}[-{server}]-egress.json</c>: a third-party token (oauth/egress_oauth.py).</summary>
    Egress,
}
