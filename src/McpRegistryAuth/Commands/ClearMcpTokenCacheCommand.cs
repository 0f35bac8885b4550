using System.Management.Automation;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Removes tokens from the user's token cache: those of a provider, of a client, or all. Each partition
/// (one client at one authority for one audience) is confirmed through ShouldProcess.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "McpTokenCache", SupportsShouldProcess = true, DefaultParameterSetName = FilterSet)]
[OutputType(typeof(TokenCacheEntry))]
public sealed class ClearMcpTokenCacheCommand : RegistryCmdlet
{
    private const string FilterSet = "Filter";
    private const string AllSet = "All";

    // Parameters are described in docs/Clear-McpTokenCache.md, which the help is built from.
    [Parameter(ParameterSetName = FilterSet)]
    [ValidateSet(nameof(OAuthProvider.Oidc), nameof(OAuthProvider.Keycloak), nameof(OAuthProvider.Okta), nameof(OAuthProvider.Auth0), nameof(OAuthProvider.Entra), nameof(OAuthProvider.Cognito))]
    public string? Provider { get; set; }

    [Parameter(ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (!All && Provider is null && ClientId is null)
        {
            ThrowTerminatingError(NewError(new ArgumentException("Name what to remove: -Provider, -ClientId, or -All."), "CacheFilterMissing", ErrorCategory.InvalidArgument, null));
        }

        var cache = new TokenCacheFile(TokenCacheFile.DefaultPath);
        var matching = cache.ReadEntries().Where(e => All
            || ((Provider is null || string.Equals(e.Provider, Provider, StringComparison.OrdinalIgnoreCase))
                && (ClientId is null || string.Equals(e.ClientId, ClientId, StringComparison.Ordinal)))).ToList();
        WriteVerbose($"The token cache '{cache.Path}' holds {matching.Count} matching partition(s).");
        var confirmed = matching.Where(e => ShouldProcess($"{e.ClientId} at {e.Authority}{(e.Audience is null ? "" : " for " + e.Audience)}", "Remove cached tokens")).ToList();
        if (confirmed.Count == 0)
        {
            return;
        }

        var removed = RunOrStop(() => cache.Remove(confirmed.Select(e => e.Key).ToHashSet(StringComparer.Ordinal), Cancellation));
        foreach (var entry in removed)
        {
            WriteVerbose($"Removed the cached tokens of '{entry.ClientId}' at {entry.Authority} ({entry.Provider}).");
        }

        if (PassThru)
        {
            WriteObject(removed, enumerateCollection: true);
        }
    }
}
