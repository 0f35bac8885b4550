using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Core;

/// <summary>
/// What a server would answer to one request, and why. Status is null when the server would not
/// answer at all (it refuses to start with the given settings; see Findings).
/// </summary>
/// <remarks>
/// One shape for the three families; not every family fills every member:
/// <list type="bullet">
/// <item>All: RegistryType, Status, Detail, Checks, Findings, Hints, Warnings, DecidedBy (FailedCheck).</item>
/// <item>Gateway: also ClientStatus and ClientBody (what the client finally sees: nginx's page for a refusal,
/// or the registry's or the MCP proxy hop's refusal of a request /validate let through), FallsThroughTo,
/// IsProvisional (a later stage not evaluated), AcceptedBy, Identity, ClientId, AuthMethod, Groups,
/// Scopes (the effective scopes, with scope definitions) and ScopeAccess (the FGAC decision for an MCP
/// server path).</item>
/// <item>ToolHive: also Body and WwwAuthenticate (the 401 bytes), AcceptedBy (the provider), Identity and AuthMethod.</item>
/// <item>ToolRegistry: also Body and WwwAuthenticate, AcceptedBy (the token's line in the tokens file, a path never protected, or auth off).</item>
/// </list>
/// </remarks>
public sealed record Verdict
{
    public required RegistryType RegistryType { get; init; }

    /// <summary>HTTP status the server itself returns (for the gateway: the auth server's /validate).</summary>
    public int? Status { get; init; }

    /// <summary>The server's detail text (gateway: the FastAPI <c>detail</c>, which nginx hides from the client).</summary>
    public string? Detail { get; init; }

    /// <summary>Response body bytes as text, where the reference gives them.</summary>
    public string? Body { get; init; }

    /// <summary>The <c>WWW-Authenticate</c> header value, byte for byte where the reference gives it.</summary>
    public string? WwwAuthenticate { get; init; }

    /// <summary>Gateway only: the status the client sees after nginx.</summary>
    public int? ClientStatus { get; init; }

    /// <summary>Gateway only: the body the client sees after nginx.</summary>
    public string? ClientBody { get; init; }

    /// <summary>The rule or provider that accepted the request (e.g. <c>StaticToken:legacy</c>).</summary>
    public string? AcceptedBy { get; init; }

    /// <summary>Gateway: the stage a request goes on to when the static-token rule did not accept it.</summary>
    public FallThroughTarget? FallsThroughTo { get; init; }

    /// <summary>True when Status is a placeholder because a later stage was not evaluated.</summary>
    public bool IsProvisional { get; init; }

    public string? Identity { get; init; }

    public string? ClientId { get; init; }

    public string? AuthMethod { get; init; }

    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Effective scopes; null when not evaluated (a Check says why).</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>
    /// Gateway only: the fine-grained access decision /validate made for this request (server, method, tool,
    /// the granting scope and rule or why none grants), the same result Test-ScopeAccess returns. Null where
    /// /validate makes none: registry API paths, static tokens, or scopes that could not be evaluated.
    /// </summary>
    public ScopeAccessResult? ScopeAccess { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = Array.Empty<Check>();

    public IReadOnlyList<string> Hints { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>Problems in the server's settings found while building the verdict (startup refusals are Errors).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = Array.Empty<Finding>();

    /// <summary>True when the server would accept the request (2xx).</summary>
    public bool Accepted => Status is >= 200 and < 300;

    /// <summary>
    /// True when the client gets through: the server accepts the request and nothing behind it refuses it
    /// (for the gateway: the registry or the MCP proxy hop after /validate said 200, see ClientStatus).
    /// </summary>
    public bool GetsThrough => Accepted && ClientStatus is null or (>= 200 and < 300);

    /// <summary>
    /// The name of the check whose failure decided the answer, where a later stage decided it (a request
    /// the static-token stage passed on is decided by the JWT stage). Null: the first failed check decided.
    /// </summary>
    public string? DecidedBy { get; init; }

    /// <summary>The failed check that is the reason the server gives or logs; null when the client gets through.</summary>
    public Check? FailedCheck => GetsThrough
        ? null
        : (DecidedBy is null ? null : Checks.FirstOrDefault(c => c.Name == DecidedBy && !c.Passed)) ?? Checks.FirstOrDefault(c => !c.Passed);
}
