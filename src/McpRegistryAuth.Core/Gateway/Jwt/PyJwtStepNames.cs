namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>The check names <see cref="PyJwtRules"/> writes, one per step of PyJWT's <c>jwt.decode</c>.</summary>
internal sealed record PyJwtStepNames(string Algorithm, string Signature, string IssuedAt, string NotBefore, string Expiry, string Issuer, string Audience);
