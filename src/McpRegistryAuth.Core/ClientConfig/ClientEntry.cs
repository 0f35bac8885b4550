using System.Text.Json.Nodes;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>One server's entry as a writer made it, and how it carries the token.</summary>
public sealed record ClientEntry(string Name, JsonObject Value, string TokenSource, bool HoldsToken);
