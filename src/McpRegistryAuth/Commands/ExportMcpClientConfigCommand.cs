using System.Management.Automation;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.ClientConfig;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Writes MCP servers into the configuration files of MCP clients, merged into what is there, with the
/// token kept out of the file unless -IncludeToken: fresh tokens through a helper where the client allows
/// it (Claude Code's headersHelper, the Claude Desktop bridge), else the client's secret indirection.
/// </summary>
[Cmdlet(VerbsData.Export, "McpClientConfig", DefaultParameterSetName = UriSet, SupportsShouldProcess = true)]
[OutputType(typeof(McpClientConfigExport))]
public sealed class ExportMcpClientConfigCommand : RegistryCmdlet
{
    private const string UriSet = "Uri";
    private const string InputSet = "InputObject";
    private readonly List<ResolvedServer> servers = [];
    private Secret? token;
    private McpProfile? profile;

    // Parameters are described in docs/Export-McpClientConfig.md, which the help is built from.
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet(nameof(McpClient.VSCode), nameof(McpClient.ClaudeCode), nameof(McpClient.Cursor), nameof(McpClient.Windsurf), nameof(McpClient.RooCode),
        nameof(McpClient.Cline), nameof(McpClient.ClaudeDesktop), nameof(McpClient.GatewayVSCode), nameof(McpClient.GatewayRoo))]
    public string[] Client { get; set; } = [];

    [Parameter(ParameterSetName = UriSet, Mandatory = true), ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(ParameterSetName = UriSet, Mandatory = true, Position = 1), Alias("Url"), ValidateNotNullOrEmpty]
    public string? Uri { get; set; }

    [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter, ValidateSet(nameof(Core.ClientConfig.ConfigScope.User), nameof(Core.ClientConfig.ConfigScope.Project), nameof(Core.ClientConfig.ConfigScope.Local))]
    public string? ConfigScope { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? Profile { get; set; }

    [Parameter, TokenInputTransformation]
    public TokenInput? Token { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? TokenFile { get; set; }

    [Parameter] public SwitchParameter IncludeToken { get; set; }

    [Parameter, ValidatePattern("^[A-Za-z_][A-Za-z0-9_]*$")]
    public string TokenVariable { get; set; } = ClientCredential.DefaultVariable;

    [Parameter, ValidateNotNullOrEmpty]
    public string? RegistryUri { get; set; }

    [Parameter, ValidateSet(nameof(Core.RegistryType.Gateway), nameof(Core.RegistryType.ToolHive), nameof(Core.RegistryType.ToolRegistry))]
    public string RegistryType { get; set; } = nameof(Core.RegistryType.Gateway);

    [Parameter, ValidateNotNullOrEmpty]
    public string? McpRemotePath { get; set; }

    [Parameter] public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        profile = Profile is null ? null : RunOrStop(() => new McpProfileStore(McpProfileStore.DefaultPath).Get(Profile));
        var (read, checks) = RunOrStop(() => ReadToken(Token, TokenFile));
        WriteChecks(checks);
        // Only -IncludeToken needs the token now; without it the client fetches fresh ones through the profile.
        token = read ?? (IncludeToken && profile is not null ? RunAsyncOrStop((log, cancel) => TokenAcquisition.GetAsync(new TokenParameters(), profile, ResolvePath, log, cancel)).Result.Token : null);
        if (IncludeToken && token is null)
        {
            ThrowTerminatingError(NewError(new ArgumentException("-IncludeToken writes the token itself: give it with -Token, -TokenFile or -Profile."), "IncludeTokenNeedsToken", ErrorCategory.InvalidArgument, null,
                "Pass -Token (a SecureString or a token object from Get-McpAccessToken), -TokenFile, or -Profile to get one now."));
        }
    }

    protected override void ProcessRecord()
    {
        RunOrWriteError(() =>
        {
            var server = InputObject is null
                ? new ClientServer { Name = Name, Url = new System.Uri(Uri!, UriKind.RelativeOrAbsolute) }
                : ServerProperties.Read(PSObjectProperties.Of(InputObject));
            var gateway = RegistryUri is null ? null : new System.Uri(RegistryUri, UriKind.Absolute);
            var resolved = McpServerUrl.Resolve(server, gateway, AllowUnencryptedAuthentication);
            servers.Add(resolved with { HeaderName = ClientHeader.NameFor(profile, Enum.Parse<Core.RegistryType>(RegistryType), resolved.Url) });
        });
    }

    protected override void EndProcessing()
    {
        if (servers.Count == 0) return;
        var credential = new ClientCredential
        {
            HeaderName = servers[0].HeaderName!, Token = token, IncludeToken = IncludeToken, Profile = Profile, Variable = TokenVariable, PwshPath = PwshPath(),
            ModulePath = System.IO.Path.Combine(MyInvocation.MyCommand.Module?.ModuleBase ?? "", "McpRegistryAuth.psd1"),
            RegistryType = RegistryType,
            McpRemotePath = McpRemotePath is null ? null : ResolvePath(McpRemotePath),
        };
        var context = ClientConfigContext.ForCurrentUser(SessionState.Path.CurrentFileSystemLocation.ProviderPath);
        foreach (var client in Client.Distinct())
        {
            RunOrWriteError(() => Export(Enum.Parse<McpClient>(client), credential, context));
        }
    }

    private void Export(McpClient client, ClientCredential credential, ClientConfigContext context)
    {
        var request = new ClientConfigRequest
        {
            Client = client, Scope = ConfigScope is null ? null : Enum.Parse<Core.ClientConfig.ConfigScope>(ConfigScope), Path = Path is null ? null : ResolvePath(Path),
            Servers = servers, Credential = credential, Force = Force, Context = context,
        };
        var result = ClientConfigExport.Run(request, Report, (path, diff) => ShouldProcess(path, $"Write {client} MCP configuration:\n{diff}"), Cancellation);
        foreach (var name in result.Skipped)
        {
            WriteError(NewError(new InvalidOperationException($"'{result.Path}' already has an entry named '{name}'; it was left as it was."), "ClientConfigEntryExists",
                ErrorCategory.ResourceExists, name, "Pass -Force to replace it, or -Name to write the server under another name."));
        }

        if (result.HoldsToken && result.Action is "Created" or "Updated")
        {
            WriteWarning($"'{result.Path}' holds the token ({token}) in plain text; the file is readable by its owner only (0600). Rewrite it without -IncludeToken when you can.");
        }

        if (PassThru) WriteObject(McpClientConfigExport.From(result));
    }

    /// <summary>This pwsh's executable; under `dotnet pwsh` the process is dotnet, so the apphost in $PSHOME.</summary>
    private string PwshPath()
    {
        var process = Environment.ProcessPath ?? "";
        if (System.IO.Path.GetFileNameWithoutExtension(process).Equals("pwsh", StringComparison.OrdinalIgnoreCase)) return process;
        var home = SessionState.PSVariable.GetValue("PSHOME") as string ?? "";
        return System.IO.Path.Combine(home, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
    }
}
