namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>One active token of a toolregistry-server tokens file: the stripped line the server keeps.</summary>
/// <param name="Line">1-based line number (Python <c>splitlines()</c> numbering).</param>
/// <param name="Token">The token exactly as the server compares it, including a BOM it may carry.</param>
public sealed record TokenEntry(int Line, Secret Token)
{
    /// <summary>True when the token starts with U+FEFF (a BOM kept by the server's plain utf-8 read).</summary>
    public bool CarriesBom => Token.Reveal().StartsWith('\uFEFF');

    /// <summary>The fingerprint of the token as a client would send it (without a BOM).</summary>
    public string ClientFingerprint => CarriesBom ? Fingerprint.Of(Token.Reveal()[1..]) : Token.Fingerprint;
}
