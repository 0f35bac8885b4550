using System.Management.Automation;
using System.Security;
using McpRegistryAuth.Completion;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Mints a static API token (CSPRNG, base64url) and optionally writes it where the gateway reads it: its .env
/// file and the CLI's --token-file, every edit planned first so a refused file leaves every file untouched.
/// With -SelfSigned it mints a gateway self-signed token for testing instead (ES256 or HS256).
/// </summary>
[Cmdlet(VerbsCommon.New, "RegistryApiToken", SupportsShouldProcess = true, DefaultParameterSetName = StaticTokenSet)]
[OutputType(typeof(RegistryApiToken), typeof(string))]
public sealed class NewRegistryApiTokenCommand : RegistryCmdlet
{
    private const string StaticTokenSet = "StaticToken";
    private const string ApiKeySet = "ApiKey";
    private const string SelfSignedSet = "SelfSigned";

    // Parameters are described in docs/New-RegistryApiToken.md, which the help is built from.
    [Parameter(ParameterSetName = StaticTokenSet), Parameter(ParameterSetName = ApiKeySet)]
    [ValidateRange(ApiTokenGenerator.MinimumByteCount, ApiTokenGenerator.MaximumByteCount)]
    public int ByteCount { get; set; } = ApiTokenGenerator.DefaultByteCount;

    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    [Parameter(ParameterSetName = StaticTokenSet), Parameter(ParameterSetName = ApiKeySet, Mandatory = true), ValidateNotNullOrEmpty]
    public string? EnvFile { get; set; }

    [Parameter(ParameterSetName = ApiKeySet, Mandatory = true), ValidateNotNullOrEmpty]
    public string? ApiKeyName { get; set; }

    [Parameter(ParameterSetName = ApiKeySet, Mandatory = true), Parameter(ParameterSetName = SelfSignedSet)]
    [ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ScopeNameCompleter))]
    public string[]? Group { get; set; }

    [Parameter(ParameterSetName = ApiKeySet), ValidateNotNullOrEmpty]
    public string? ScopesPath { get; set; }

    [Parameter(ParameterSetName = StaticTokenSet), ValidateNotNullOrEmpty]
    public string? TfVarsFile { get; set; }

    [Parameter(ParameterSetName = StaticTokenSet), Parameter(ParameterSetName = ApiKeySet)]
    [Alias("ToolRegistryTokensFile"), ValidateNotNullOrEmpty]
    public string? TokensFile { get; set; }

    [Parameter(ParameterSetName = StaticTokenSet), Parameter(ParameterSetName = ApiKeySet), ValidateNotNullOrEmpty]
    public string? TokenFile { get; set; }

    [Parameter(ParameterSetName = SelfSignedSet, Mandatory = true)]
    public SwitchParameter SelfSigned { get; set; }

    [Parameter(ParameterSetName = SelfSignedSet), ValidateNotNullOrEmpty]
    public string? SigningKeyPath { get; set; }

    [Parameter(ParameterSetName = SelfSignedSet)]
    public SwitchParameter GenerateKey { get; set; }

    [Parameter(ParameterSetName = SelfSignedSet), ValidateSet("ES256", "HS256")]
    public string Algorithm { get; set; } = "ES256";

    [Parameter(ParameterSetName = SelfSignedSet)]
    public SecureString? SecretKey { get; set; }

    [Parameter(ParameterSetName = SelfSignedSet), ValidateNotNullOrEmpty]
    public string Subject { get; set; } = System.Environment.UserName;

    [Parameter(ParameterSetName = SelfSignedSet), ValidateNotNullOrEmpty]
    public string[]? Scope { get; set; }

    [Parameter(ParameterSetName = SelfSignedSet)]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void EndProcessing()
    {
        if (SelfSigned)
        {
            MintSelfSigned();
            return;
        }

        if (ScopesPath is not null)
        {
            var mapping = StaticKeyScopes.Check(LoadScopes(ScopesPath), ApiKeyName!, Group ?? []);
            WriteChecks([mapping]);
            if (!mapping.Passed) WriteWarning(mapping.Hint!);
        }

        var token = ApiTokenGenerator.Generate(ByteCount);
        WriteVerbose($"Generated a {token.Length}-character token from {ByteCount} random bytes, fingerprint {token.Fingerprint}.");
        var targets = new ApiTokenTargets
        {
            EnvFile = EnvFile is null ? null : ResolvePath(EnvFile),
            ApiKeyName = ApiKeyName,
            Groups = Group ?? [],
            TfVarsFile = TfVarsFile is null ? null : ResolvePath(TfVarsFile),
            ToolRegistryTokensFile = TokensFile is null ? null : ResolvePath(TokensFile),
            TokenFile = TokenFile is null ? null : ResolvePath(TokenFile),
        };

        // Every target is locked and checked before any is read, and written all or nothing.
        using var session = RunOrStop(() => FileEditSession.Begin(targets.Paths, cancellation: Cancellation));
        session.Notes.ToList().ForEach(WriteVerbose);
        var edits = RunOrStop(() => targets.Plan(token, Force, session.PathOf));
        var approved = new List<FileEdit>();
        foreach (var edit in edits)
        {
            edit.Warnings.ToList().ForEach(WriteWarning);
            if (ShouldProcess(edit.Path, string.Join("; ", edit.Changes))) approved.Add(edit);
        }

        RunOrStop(() => session.Commit(approved)).ToList().ForEach(WriteVerbose);
        var written = approved.Select(e => e.Path).ToList();
        approved.ForEach(e => WriteVerbose(e.Description));
        if (written.Count > 0) WriteVerbose("Restart the server: the gateway's auth server and toolregistry-server read tokens only at startup.");
        if (approved.Count < edits.Count && written.Count == 0) return;
        WriteToken(token, new RegistryApiToken(SecureStrings.ToSecureString(token), token.Length, token.Fingerprint, written));
    }

    private void MintSelfSigned()
    {
        var keyPath = SigningKeyPath is null ? null : ResolvePath(SigningKeyPath);
        if (GenerateKey)
        {
            if (keyPath is not null && !ShouldProcess(keyPath, "Write a new P-256 signing key (mode 0600)")) return;
            var kid = RunOrStop(() => SigningKeyFile.Write(keyPath, Force));
            WriteVerbose($"Wrote a new P-256 signing key to {keyPath} (kid {kid}); mount it as INTERNAL_SIGNING_KEY_PATH on the auth server.");
        }

        var request = new SelfSignedTokenRequest { Algorithm = Algorithm, SigningKeyPath = keyPath, SecretKey = SecretKey is null ? null : SecureStrings.ToSecret(SecretKey), Subject = Subject, Groups = Group ?? [], Scopes = Scope ?? [], Lifetime = Lifetime };
        var minted = RunOrStop(() => SelfSignedTokenMinter.Mint(request));
        WriteVerbose($"Minted a self-signed {minted.Algorithm} token for {Subject}{(minted.KeyId is null ? " (no kid: HS256 with SECRET_KEY)" : $" (kid {minted.KeyId})")}, expiring {minted.ExpiresAt:u}, fingerprint {minted.Token.Fingerprint}.");
        WriteToken(minted.Token, new RegistryApiToken(SecureStrings.ToSecureString(minted.Token), minted.Token.Length, minted.Token.Fingerprint, []) { Algorithm = minted.Algorithm, KeyId = minted.KeyId, ExpiresAt = minted.ExpiresAt });
    }

    private void WriteToken(Secret token, RegistryApiToken wrapped) => WriteObject(AsPlainText ? token.Reveal() : wrapped);
}
