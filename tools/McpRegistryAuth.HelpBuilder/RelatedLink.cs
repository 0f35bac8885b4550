namespace McpRegistryAuth.HelpBuilder;

/// <summary>A RELATED LINKS entry; Uri is empty for a link to another help topic.</summary>
public sealed record RelatedLink(string Text, string Uri);
