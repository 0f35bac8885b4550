namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// A request for a token as a user: where to ask, which client, for what and how the cache is used (as for
/// client credentials, in <see cref="Common"/>; a secret or key there is optional, since most clients that
/// sign users in are public), how the user signs in, and how long to wait for them.
/// </summary>
public sealed record UserTokenRequest
{
    public required ClientCredentialsRequest Common { get; init; }

    /// <summary><see cref="TokenFlow.DeviceCode"/> or <see cref="TokenFlow.AuthorizationCode"/>.</summary>
    public required TokenFlow Flow { get; init; }

    /// <summary>The loopback port of the redirect URI; 0 takes a free one (providers that match redirect URIs exactly need a fixed one).</summary>
    public int RedirectPort { get; init; }

    /// <summary>Open the system browser at the sign-in page when one can be opened; the URL is written either way.</summary>
    public bool OpenBrowser { get; init; } = true;

    /// <summary>How long a browser sign-in waits when no <see cref="SignInTimeout"/> is given.</summary>
    public static readonly TimeSpan DefaultBrowserSignInTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long to wait for the user (-SignInTimeoutSec): for the browser's redirect (null: 5 minutes), and for
    /// the approval of a device code (null: until the code's own expires_in; given, whichever ends first).
    /// </summary>
    public TimeSpan? SignInTimeout { get; init; }
}
