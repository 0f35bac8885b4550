namespace McpRegistryAuth.Core.OAuth;

/// <summary>Which header a profile's token goes in: by <see cref="TokenHeaderRule"/> for the registry URL, or always one.</summary>
public enum HeaderStyle
{
    Auto,

    Authorization,

    XAuthorization,
}
