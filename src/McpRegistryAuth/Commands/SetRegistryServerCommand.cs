using System.Collections;
using System.Management.Automation;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Changes a gateway server's record: PATCH /api/servers{path} with the fields given (PUT of the whole record
/// with -Replace), sending If-Match with the version the record was read at, so a change made by someone
/// else in between is refused (412) instead of overwritten.
/// </summary>
[Cmdlet(VerbsCommon.Set, "RegistryServer", SupportsShouldProcess = true)]
[OutputType(typeof(RegistryServer))]
public sealed class SetRegistryServerCommand : RegistryTaskCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The version read (a piped server's ETag); read from the registry when not given.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ETag { get; set; }

    [Parameter] public string? Description { get; set; }

    [Parameter, ValidateNotNullOrEmpty] public string? ProxyPassUrl { get; set; }

    [Parameter, Alias("Tags")] public string[]? Tag { get; set; }

    /// <summary>Other fields of the server's JSON record, by the gateway's names (e.g. @{ num_tools = 3 }).</summary>
    [Parameter] public Hashtable? Field { get; set; }

    /// <summary>PUT the whole record as read with the changes applied, instead of PATCH with the changes only.</summary>
    [Parameter] public SwitchParameter Replace { get; set; }

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Description is not null) changes["description"] = Description;
        if (ProxyPassUrl is not null) changes["proxy_pass_url"] = ProxyPassUrl;
        if (Tag is not null) changes["tags"] = Tag;
        foreach (DictionaryEntry field in Field ?? new Hashtable()) changes[field.Key.ToString() ?? ""] = PowerShellJson.ToPlain(field.Value);
        if (changes.Count == 0)
        {
            WriteError(NewError(new ArgumentException("No change given: name at least one of -Description, -ProxyPassUrl, -Tag or -Field."), "NoChangeGiven", ErrorCategory.InvalidArgument, Path));
            return;
        }

        var etag = ETag;
        IDictionary body = changes;
        if (Replace || etag is null)
        {
            var get = RunOrStop(() => ServerTaskRequests.Get(Path));
            var reader = Open(get);
            var read = Read(reader, (json, response) =>
            {
                etag ??= ServerVersionTag.From(response.HeaderValues("ETag").FirstOrDefault(), json);
                if (Replace) body = ServerTaskRequests.Merge(json, changes);
            });
            if (!read) return;
        }

        Verbose(etag is null ? "the record carries no version: sent without If-Match" : $"If-Match {etag} (the version read)");
        var request = ServerTaskRequests.Update(Path, body, etag, Replace);
        var invoker = Open(request);
        if (!Confirm(invoker, request.Action) || Send(invoker) is null) return;
        if (PassThru && ReadServer(Path) is { } server) WriteObject(server);
    }
}
