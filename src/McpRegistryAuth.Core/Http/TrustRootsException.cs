namespace McpRegistryAuth.Core.Http;

/// <summary>A CA bundle could not be used; the message follows ToolHive's wording.</summary>
public sealed class TrustRootsException(string message, Exception? inner) : Exception(message, inner);
