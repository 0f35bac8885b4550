using System.Management.Automation;
using McpRegistryAuth.Core.Gateway.TokenFiles;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Writes a token object (from Get-McpAccessToken) into the gateway's <c>.oauth-tokens/</c> folder as
/// <c>ingress.json</c> or an egress file, in the shape the gateway's credentials-provider scripts write,
/// so that its CLIs, MCP config generator and token refresher use it. A file of its own: getting a token
/// changes nothing on disk, writing one is confirmed (ShouldProcess) and never replaces a file without -Force.
/// </summary>
[Cmdlet(VerbsData.Export, "McpGatewayTokenFile", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportMcpGatewayTokenFileCommand : RegistryCmdlet
{
    // Parameters are described in docs/Export-McpGatewayTokenFile.md, which the help is built from.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public McpAccessToken? InputObject { get; set; }

    [Parameter, ValidateSet(nameof(GatewayTokenFileKind.Ingress), nameof(GatewayTokenFileKind.Egress))]
    public string Kind { get; set; } = nameof(GatewayTokenFileKind.Ingress);

    [Parameter, ValidateNotNullOrEmpty]
    public string Path { get; set; } = ".oauth-tokens";

    [Parameter, ValidateNotNullOrEmpty]
    public string? GatewayProvider { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? ServerName { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? CloudId { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var token = InputObject!;
        RunOrWriteError(() =>
        {
            var request = new GatewayTokenFileRequest
            {
                Kind = Enum.Parse<GatewayTokenFileKind>(Kind), Token = SecureStrings.ToSecret(token.Token), ExpiresOn = token.ExpiresOn,
                ClientId = token.ClientId, Issuer = token.Issuer, ModuleProvider = token.Provider, GatewayProvider = GatewayProvider,
                ServerName = ServerName, CloudId = CloudId, Scopes = token.Scopes,
            };
            var path = System.IO.Path.Combine(ResolvePath(Path), GatewayTokenFileBuilder.FileName(request));
            var (text, notes) = GatewayTokenFileBuilder.Build(request, DateTimeOffset.UtcNow);
            if (!ShouldProcess(path, $"Write the gateway {Kind.ToLowerInvariant()} token file (token {token.Fingerprint})"))
            {
                return;
            }

            foreach (var note in notes)
            {
                WriteWarning(note);
            }

            var replaced = File.Exists(path);
            foreach (var note in GatewayTokenFileWriter.Write(path, text, Force))
            {
                WriteVerbose(note);
            }

            WriteVerbose($"{(replaced ? "Replaced" : "Wrote")} '{path}' (mode 0600): token {token.Fingerprint}, expires_at {token.ExpiresOn.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.");
            if (PassThru)
            {
                // Through the provider, so the item has the properties (UnixMode, User, Size) Get-Item gives it.
                WriteObject(SessionState.InvokeProvider.Item.Get([path], force: true, literalPath: true), enumerateCollection: true);
            }
        });
    }
}
