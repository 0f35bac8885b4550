using System.Collections.Concurrent;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// Key sets and discovery documents fetched in this process, by URL. A PowerShell session is one process,
/// so repeated Test-RegistryToken calls reuse them; <c>-NoCache</c> bypasses and refreshes.
/// </summary>
public static class ProcessCache
{
    internal static ConcurrentDictionary<string, KeySet> KeySets { get; } = new(StringComparer.Ordinal);

    internal static ConcurrentDictionary<string, DiscoveryDocument> DiscoveryDocuments { get; } = new(StringComparer.Ordinal);

    public static int KeySetCount => KeySets.Count;

    public static int DiscoveryDocumentCount => DiscoveryDocuments.Count;

    public static void Clear()
    {
        KeySets.Clear();
        DiscoveryDocuments.Clear();
    }
}
