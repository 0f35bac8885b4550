using System.Collections;
using System.Management.Automation;
using McpRegistryAuth.Completion;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.McpProtocol;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Connects to an MCP server (directly or through the gateway) as a client does, stage by stage (DNS, TCP,
/// TLS, HTTP, auth, initialize, list), and says where and why it fails; with -ScopesPath each tool gets the
/// predicted FGAC verdict, with -CallTools the observed answer beside it.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "McpConnection", SupportsShouldProcess = true, DefaultParameterSetName = TokenSet)]
[OutputType(typeof(McpConnectionResult), typeof(bool))]
public sealed class TestMcpConnectionCommand : RegistryCmdlet
{
    private const string TokenSet = "Token";
    private const string ProfileSet = "Profile";

    // Parameters are described in docs/Test-McpConnection.md, which the help is built from.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true), Alias("Url"), ValidateNotNullOrEmpty]
    public string Uri { get; set; } = "";

    [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true), Alias("AccessToken", "access_token")]
    [TokenInputTransformation]
    public TokenInput? Token { get; set; }

    [Parameter(ParameterSetName = ProfileSet, Mandatory = true), ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? Profile { get; set; }

    [Parameter, ValidateSet(nameof(McpTransportKind.StreamableHttp), nameof(McpTransportKind.Sse), nameof(McpTransportKind.AutoDetect))]
    public string Transport { get; set; } = nameof(McpTransportKind.StreamableHttp);

    [Parameter, ValidateSet("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28", "Latest")]
    public string? ProtocolVersion { get; set; }

    [Parameter, ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    [Parameter, ValidateNotNullOrEmpty]
    public string? ScopesPath { get; set; }

    [Parameter, Alias("Groups"), ArgumentCompleter(typeof(ScopeNameCompleter))]
    public string[]? Group { get; set; }

    [Parameter, Alias("Scopes"), ArgumentCompleter(typeof(ScopeNameCompleter))]
    public string[]? Scope { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string[]? CallTools { get; set; }

    [Parameter]
    public Hashtable? ToolArguments { get; set; }

    [Parameter] public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    [Parameter] public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord() => RunOrWriteError(() =>
    {
        var (token, tokenChecks) = ReadToken(Token);
        WriteChecks(tokenChecks);
        var profile = Profile is null ? null : RunOrStop(() => new McpProfileStore(McpProfileStore.DefaultPath).Get(Profile));
        var definitions = ScopesPath is null ? null : ScopesFor(ScopesPath);
        if (ScopesPath is not null && definitions is null) return;
        EffectiveScopes? caller = definitions is null ? null
            : token is not null && Group is null && Scope is null ? TokenCaller.Resolve(definitions, token, DateTimeOffset.UtcNow)
            : EffectiveScopeResolver.ForCaller(definitions, GroupAndScopeNames.Split(Group), GroupAndScopeNames.Split(Scope));
        // Calling a tool changes what the tool changes: each call is confirmed (-WhatIf lists them).
        var calls = (CallTools ?? []).Where(t => ShouldProcess($"{t} at {Uri}", "tools/call")).ToList();
        var arguments = McpToolArguments.From(ToolArguments);
        // A set-up failure (the URL, the profile's token) is returned, not thrown: it is this input's error.
        var (result, setupFailure) = RunAsyncOrStop(async (log, cancellation) =>
        {
            try
            {
                var options = await McpConnectionSetup.CreateAsync(Uri, token, profile, Transport, TimeSpan.FromSeconds(TimeoutSec), AllowUnencryptedAuthentication, ProtocolVersion, ResolvePath, log, cancellation).ConfigureAwait(false);
                var test = new McpConnectionTest { Connection = options, Scopes = definitions, Caller = caller, CallTools = calls, ToolArguments = arguments };
                return ((McpConnectionResult?)await McpConnectionTester.TestAsync(test, log, cancellation).ConfigureAwait(false), (CommandFailureException?)null);
            }
            catch (CommandFailureException ex)
            {
                return ((McpConnectionResult?)null, (CommandFailureException?)ex);
            }
        });
        if (result is null)
        {
            if (Quiet) WriteObject(false);
            else throw setupFailure!;
            return;
        }

        WriteChecks(result.Checks);
        if (!Quiet) WriteFindings(result.Findings);
        if (Quiet)
        {
            WriteObject(result.Succeeded);
            return;
        }

        WriteObject(result);
        if (result.ToException() is { } failure) throw failure;
    });
}
