namespace McpRegistryAuth.Core.Kubernetes;

/// <summary>Check names of a Kubernetes projected service-account token read from its file.</summary>
public static class KubernetesCheckNames
{
    /// <summary>The file holds one JWT (the kubelet writes the token alone, no newline).</summary>
    public const string Format = "Kubernetes.Token.Format";

    /// <summary>sub is system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;.</summary>
    public const string Subject = "Kubernetes.Token.Subject";

    /// <summary>exp is present (a legacy secret-based token has none) and in the future.</summary>
    public const string Expiry = "Kubernetes.Token.Expiry";

    /// <summary>aud holds the ToolHive provider's audience, exactly (case-sensitive).</summary>
    public const string Audience = "Kubernetes.Token.Audience";

    /// <summary>The token changed since the last read: the kubelet rotated it.</summary>
    public const string Rotation = "Kubernetes.Token.Rotation";
}
