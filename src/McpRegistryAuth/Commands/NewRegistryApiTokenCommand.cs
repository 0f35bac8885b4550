using System.Management.Automation;
using McpRegistryAuth.Completion;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.ToolRegistry;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Mints a static API token (CSPRNG, base64url) and optionally writes it where the gateway reads it:
/// its .env file and the CLI's --token-file. Every edit is planned first, so a refused file leaves
/// every file untouched.
/// </summary>
[Cmdlet(VerbsCommon.New, "RegistryApiToken", SupportsShouldProcess = true, DefaultParameterSetName = StaticTokenSet)]
[OutputType(typeof(RegistryApiToken), typeof(string))]
public sealed class NewRegistryApiTokenCommand : RegistryCmdlet
{
    private const string StaticTokenSet = "StaticToken";
    private const string ApiKeySet = "ApiKey";

    /// <summary>Random bytes in the token; 32 gives the 43 characters of secrets.token_urlsafe(32).</summary>
    [Parameter]
    [ValidateRange(ApiTokenGenerator.MinimumByteCount, ApiTokenGenerator.MaximumByteCount)]
    public int ByteCount { get; set; } = ApiTokenGenerator.DefaultByteCount;

    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    /// <summary>
    /// A docker compose .env file that gets REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true and REGISTRY_API_TOKEN,
    /// or with -ApiKeyName an entry of REGISTRY_API_KEYS.
    /// </summary>
    [Parameter(ParameterSetName = StaticTokenSet)]
    [Parameter(ParameterSetName = ApiKeySet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? EnvFile { get; set; }

    /// <summary>The name of a REGISTRY_API_KEYS entry (the identity the gateway grants).</summary>
    [Parameter(ParameterSetName = ApiKeySet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? ApiKeyName { get; set; }

    /// <summary>The groups of the REGISTRY_API_KEYS entry.</summary>
    [Parameter(ParameterSetName = ApiKeySet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScopeNameCompleter))]
    public string[]? Group { get; set; }

    /// <summary>The gateway's scope definitions: the auth server maps -Group through them at startup, and a key with no scope gets 403 everywhere.</summary>
    [Parameter(ParameterSetName = ApiKeySet)]
    [ValidateNotNullOrEmpty]
    public string? ScopesPath { get; set; }

    /// <summary>A terraform.tfvars that gets registry_static_token_auth_enabled = true and registry_api_token.</summary>
    [Parameter(ParameterSetName = StaticTokenSet)]
    [ValidateNotNullOrEmpty]
    public string? TfVarsFile { get; set; }

    /// <summary>A toolregistry-server tokens file (openapi --tokens), the server's list of accepted tokens, the token is appended to.</summary>
    [Parameter]
    [Alias("ToolRegistryTokensFile")]
    [ValidateNotNullOrEmpty]
    public string? TokensFile { get; set; }

    /// <summary>A file for the gateway CLI's --token-file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TokenFile { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void EndProcessing()
    {
        if (ScopesPath is not null)
        {
            var mapping = StaticKeyScopes.Check(LoadScopes(ScopesPath), ApiKeyName!, Group ?? []);
            WriteChecks([mapping]);
            if (!mapping.Passed)
            {
                WriteWarning(mapping.Hint!);
            }
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
            if (ShouldProcess(edit.Path, string.Join("; ", edit.Changes)))
            {
                approved.Add(edit);
            }
        }

        RunOrStop(() => session.Commit(approved)).ToList().ForEach(WriteVerbose);
        var written = approved.Select(e => e.Path).ToList();
        approved.ForEach(e => WriteVerbose(e.Description));
        if (written.Count > 0)
        {
            WriteVerbose("Restart the server: the gateway's auth server and toolregistry-server read tokens only at startup.");
        }

        if (approved.Count < edits.Count && written.Count == 0)
        {
            return;
        }

        if (AsPlainText)
        {
            WriteObject(token.Reveal());
        }
        else
        {
            WriteObject(new RegistryApiToken(SecureStrings.ToSecureString(token), token.Length, token.Fingerprint, written));
        }
    }
}
