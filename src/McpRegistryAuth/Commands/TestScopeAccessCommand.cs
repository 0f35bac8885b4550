using System.Management.Automation;
using McpRegistryAuth.Completion;
using System.Security;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// The MCP Gateway Registry's fine-grained access decision for a caller: which scope and rule grant a
/// server, method and tool, or why none does. Nothing is sent to the gateway.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ScopeAccess", DefaultParameterSetName = ServerSet)]
[OutputType(typeof(ScopeAccessResult), typeof(bool))]
public sealed partial class TestScopeAccessCommand : RegistryCmdlet
{
    private const string ServerSet = "Server";
    private const string RequestSet = "Request";

    private ScopeAccessTester? tester;
    private bool groupGiven;
    private bool callerGiven;

    /// <summary>scopes.yml, an mcp_scopes export (JSON array, JSON Lines, the UI's Data Export), an import-group file, or a folder of one-document files.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string ScopesPath { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Groups")]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(ScopeNameCompleter))]
    public string[]? Group { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Scopes")]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(ScopeNameCompleter))]
    public string[]? Scope { get; set; }

    /// <summary>A token whose claims name the caller (a Get-McpAccessToken result binds here by its Token property).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AccessToken", "access_token")]
    [TokenInputTransformation]
    public TokenInput? Token { get; set; }

    /// <summary>The server name; with -GenericProxyKind, the entity's registered path.</summary>
    [Parameter(ParameterSetName = ServerSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = GenericProxySet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ScopeNameCompleter))]
    public string Server { get; set; } = "";

    [Parameter(ParameterSetName = ServerSet, Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScopeNameCompleter))]
    public string Method { get; set; } = "";

    [Parameter(ParameterSetName = ServerSet, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ScopeNameCompleter))]
    public string? Tool { get; set; }

    /// <summary>The URL the client calls (absolute, or a path such as /currenttime/mcp).</summary>
    [Parameter(ParameterSetName = RequestSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url")]
    [ValidateNotNullOrEmpty]
    public string Uri { get; set; } = "";

    /// <summary>The JSON-RPC body, as nginx passes it in X-Body.</summary>
    [Parameter(ParameterSetName = RequestSet, ValueFromPipelineByPropertyName = true)]
    public string? Body { get; set; }

    /// <summary>The client's HTTP method; POST when -Body is given, otherwise GET. With -GenericProxyKind, the verb FGAC checks.</summary>
    [Parameter(ParameterSetName = RequestSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = GenericProxySet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS")]
    public string? HttpMethod { get; set; }

    /// <summary>The gateway's REGISTRY_ROOT_PATH, when it is served under a prefix.</summary>
    [Parameter(ParameterSetName = RequestSet)]
    public string? RegistryRootPath { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>The piped object, so that a piped scopes file's own Group property is not taken for a group.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    protected override void BeginProcessing()
    {
        // Only what is bound before the pipeline runs was given on the command line.
        groupGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Group));
        callerGiven = groupGiven || MyInvocation.BoundParameters.ContainsKey(nameof(Scope));
        if (MyInvocation.BoundParameters.ContainsKey(nameof(ScopesPath)))
        {
            LoadScopes(ScopesPath);
        }
    }

    protected override void ProcessRecord()
    {
        if (ScopesFor(ScopesPath) is not { } definitions)
        {
            return;
        }

        if (tester?.Definitions != definitions)
        {
            tester = new ScopeAccessTester(definitions);
        }

        // A token's own claims name the caller; a Scopes property piped with it (a token object's) is not a second caller.
        if (Token is not null && callerGiven)
        {
            WriteWarning("-Group and -Scope are ignored with -Token: the token's claims name the caller.");
        }

        var groups = IsFileSystemItem(InputObject) && !groupGiven ? null : Group;
        var scopes = Token is not null
            ? TokenCaller.Resolve(definitions, ReadToken(Token).Token!, DateTimeOffset.UtcNow)
            : EffectiveScopeResolver.ForCaller(definitions, GroupAndScopeNames.Split(groups), GroupAndScopeNames.Split(Scope));
        var result = ParameterSetName switch
        {
            RequestSet => ApplyToolBlocks(tester.TestRequest(scopes, Uri, Body, HttpMethod ?? ScopeAccessTester.DefaultHttpMethod(Body), registryRootPath: RegistryRootPath)),
            GenericProxySet => TestGenericProxy(definitions, scopes),
            _ => ApplyToolBlocks(tester.Test(scopes, Server, Method, Tool)),
        };
        WriteChecks(result.Checks);
        if (!Quiet)
        {
            foreach (var warning in result.Warnings)
            {
                WriteWarning(warning);
            }
        }

        WriteObject(Quiet ? ScopeAccessTester.AllowsEndToEnd(result) : result);
    }
}
