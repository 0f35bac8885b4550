using System.Security;
using McpRegistryAuth.Core;

namespace McpRegistryAuth.Internal;

/// <summary>
/// A token handed to a cmdlet (-Token, or a piped object's Token or AccessToken property), bound through
/// <see cref="TokenInputTransformationAttribute"/>. A token that fits is held in a SecureString; a longer
/// one (a SecureString holds at most 65,536 characters, and an IdP token with many group claims can be
/// longer) is held in a pinned array that is zeroed when the token is disposed or collected. Its string
/// form is the fingerprint only, so an error record, log or format view that shows it never shows the token.
/// </summary>
public sealed class TokenInput : IDisposable
{
    /// <summary>The most characters a SecureString can hold.</summary>
    public const int SecureStringCapacity = 65_536;

    private readonly SecureString? secure;
    private readonly bool ownsSecure;
    private char[]? text;
    private string? fingerprint;

    private TokenInput(SecureString secure, bool ownsSecure)
    {
        this.secure = secure;
        this.ownsSecure = ownsSecure;
        Length = secure.Length;
    }

    private TokenInput(char[] text)
    {
        this.text = text;
        Length = text.Length;
    }

    ~TokenInput() => Clear();

    /// <summary>Characters in the token.</summary>
    public int Length { get; }

    /// <summary>The token's fingerprint (the first 8 hex characters of its SHA-256), the only form of it ever shown.</summary>
    public string Fingerprint => fingerprint ??= Core.Fingerprint.Of(ToSecret().Reveal());

    /// <summary>True when the token is too long for a SecureString and is held in a pinned array instead.</summary>
    public bool IsLong => text is not null;

    /// <summary>Wraps the caller's SecureString; it stays the caller's (disposing this token leaves it alone).</summary>
    public static TokenInput FromSecureString(SecureString value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new TokenInput(value, ownsSecure: false);
    }

    /// <summary>A token given as text: a SecureString copy when it fits, otherwise a pinned copy.</summary>
    public static TokenInput FromText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= SecureStringCapacity)
        {
            return new TokenInput(SecureStrings.ToSecureString(value), ownsSecure: true);
        }

        // Pinned, so the collector never leaves copies of the token behind when it compacts the heap.
        var pinned = GC.AllocateUninitializedArray<char>(value.Length, pinned: true);
        value.CopyTo(pinned);
        return new TokenInput(pinned);
    }

    public override string ToString() => $"<token {Fingerprint}>";

    public void Dispose()
    {
        Clear();
        if (ownsSecure)
        {
            secure!.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The token for the core; every character kept (a U+0000 inside it included).</summary>
    internal Secret ToSecret()
    {
        if (secure is not null)
        {
            return SecureStrings.ToSecret(secure);
        }

        return new Secret(new string(text ?? throw new ObjectDisposedException(nameof(TokenInput))));
    }

    private void Clear()
    {
        if (text is { } held)
        {
            Array.Clear(held);
            text = null;
        }
    }
}
