using System.Management.Automation;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
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
    public string[]? Group { get; set; }

    /// <summary>A terraform.tfvars that gets registry_static_token_auth_enabled = true and registry_api_token.</summary>
    [Parameter(ParameterSetName = StaticTokenSet)]
    [ValidateNotNullOrEmpty]
    public string? TfVarsFile { get; set; }

    /// <summary>A toolregistry-server tokens file (openapi --tokens) the token is appended to.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ToolRegistryTokensFile { get; set; }

    /// <summary>A file for the gateway CLI's --token-file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TokenFile { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void EndProcessing()
    {
        var token = ApiTokenGenerator.Generate(ByteCount);
        WriteVerbose($"Generated a {token.Length}-character token from {ByteCount} random bytes, fingerprint {token.Fingerprint}.");

        // Every target is locked and checked before any is read, and written all or nothing.
        FileEditSession session = null!;
        try
        {
            session = FileEditSession.Begin(new[] { EnvFile, TfVarsFile, ToolRegistryTokensFile, TokenFile }.OfType<string>().Select(ResolvePath).ToList(), cancellation: Cancellation);
        }
        catch (FileEditException ex)
        {
            ThrowTerminatingError(FileEditErrors.ToErrorRecord(ex));
        }

        using var locked = session;
        foreach (var note in session.Notes)
        {
            WriteVerbose(note);
        }

        var edits = new List<FileEdit>();
        try
        {
            if (EnvFile is not null)
            {
                var path = session.PathOf(ResolvePath(EnvFile));
                edits.Add(ApiKeyName is null
                    ? StaticTokenFileWriters.PlanEnvFile(path, token, Force)
                    : ApiKeyEnvFileWriter.Plan(path, ApiKeyName, Group ?? [], token, Force));
            }

            if (TfVarsFile is not null)
            {
                edits.Add(TfVarsFileWriter.Plan(session.PathOf(ResolvePath(TfVarsFile)), token, Force));
            }

            if (ToolRegistryTokensFile is not null)
            {
                edits.Add(TokensFileWriter.PlanAppend(session.PathOf(ResolvePath(ToolRegistryTokensFile)), token, Force));
            }

            if (TokenFile is not null)
            {
                edits.Add(StaticTokenFileWriters.PlanTokenFile(session.PathOf(ResolvePath(TokenFile)), token, Force));
            }
        }
        catch (FileEditException ex)
        {
            ThrowTerminatingError(FileEditErrors.ToErrorRecord(ex));
        }

        var approved = new List<FileEdit>();
        foreach (var edit in edits)
        {
            foreach (var warning in edit.Warnings)
            {
                WriteWarning(warning);
            }

            if (ShouldProcess(edit.Path, string.Join("; ", edit.Changes)))
            {
                approved.Add(edit);
            }
        }

        var declined = approved.Count < edits.Count;
        try
        {
            foreach (var note in session.Commit(approved))
            {
                WriteVerbose(note);
            }
        }
        catch (FileEditException ex)
        {
            ThrowTerminatingError(FileEditErrors.ToErrorRecord(ex));
        }

        var written = approved.Select(e => e.Path).ToList();
        approved.ForEach(e => WriteVerbose(e.Description));

        if (written.Count > 0)
        {
            WriteVerbose("Restart the server: the gateway's auth server and toolregistry-server read tokens only at startup.");
        }

        if (declined && written.Count == 0)
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
