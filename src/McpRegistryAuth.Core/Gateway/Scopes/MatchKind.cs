namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>How a row of the access matrix admits its method or tool.</summary>
public enum MatchKind
{
    /// <summary>The name is listed exactly.</summary>
    Exact,

    /// <summary><c>tools</c> holds <c>all</c> or <c>*</c>: every tool, and every method too.</summary>
    Wildcard,

    /// <summary><c>methods</c> holds <c>all</c> or <c>*</c>: every method except tools/call.</summary>
    AllButToolsCall,

    /// <summary>The field is a string, so any name contained in it matches.</summary>
    Substring,

    /// <summary>Listed, but grants nothing by itself (tools/call under methods without the tool in tools).</summary>
    NoEffect,

    /// <summary>The rule or scope raises when FGAC reaches it, which denies the request.</summary>
    DeniesOnError,

    /// <summary>The rule's server is one no request is checked as (<c>v0.1</c>, FGA015): the row never applies.</summary>
    NeverMatches,
}
