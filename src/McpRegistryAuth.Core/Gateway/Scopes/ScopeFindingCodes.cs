namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>Stable codes of findings about scope definitions (FGA0xx). YAML syntax and limit problems keep the shared YAML0xx codes.</summary>
public static class ScopeFindingCodes
{
    /// <summary>The file or folder cannot be read.</summary>
    public const string Unreadable = "FGA001";

    /// <summary>JSON syntax error.</summary>
    public const string JsonSyntax = "FGA002";

    /// <summary>The file is larger than the loader's limit.</summary>
    public const string TooLarge = "FGA003";

    /// <summary>No scope at all: an empty file, array or folder (the gateway then treats everyone as read-only).</summary>
    public const string Empty = "FGA004";

    /// <summary>A document or the file's top level is not a mapping.</summary>
    public const string NotAMapping = "FGA005";

    /// <summary>mcp_scopes document without a string <c>_id</c>.</summary>
    public const string MissingId = "FGA006";

    /// <summary>Two documents with the same <c>_id</c>: a collection cannot hold both.</summary>
    public const string DuplicateId = "FGA007";

    /// <summary>A key appears twice in one mapping (last wins), including a group listed twice in group_mappings.</summary>
    public const string DuplicateKey = "FGA008";

    /// <summary>A key the gateway does not read.</summary>
    public const string UnknownKey = "FGA009";

    /// <summary>A scope whose rule list cannot be iterated: FGAC denies every request that reaches it.</summary>
    public const string ScopeNotAList = "FGA010";

    /// <summary>A rule the gateway drops or that can never match (agent rules, legacy <c>agents:</c>, unexpanded <c>access_rules</c>).</summary>
    public const string RuleNeverMatches = "FGA011";

    /// <summary>A rule that raises when examined: FGAC then denies, even if a later scope would grant.</summary>
    public const string RuleDeniesOnError = "FGA012";

    /// <summary><c>tools</c>/<c>methods</c> written as a string: the gateway does a substring test.</summary>
    public const string SubstringMatch = "FGA013";

    /// <summary><c>server: all</c> is not a wildcard in FGAC.</summary>
    public const string ServerAllIsNotWildcard = "FGA014";

    /// <summary><c>server: v0.1</c> never matches: /v0.1 requests are checked as server <c>v0.1/&lt;rest&gt;</c>.</summary>
    public const string ServerV01NeverMatches = "FGA015";

    /// <summary>group_mappings has the wrong shape or holds non-strings.</summary>
    public const string BadGroupMappings = "FGA016";

    /// <summary>A group is mapped to a scope that is not defined.</summary>
    public const string UndefinedScope = "FGA017";

    /// <summary>A value has a type the gateway does not expect (e.g. a number where a string is needed, a YAML key that is not a string).</summary>
    public const string WrongType = "FGA018";

    /// <summary>A server catalog (Get-ScopeAccessMatrix -Catalog) that cannot be read or has the wrong shape.</summary>
    public const string Catalog = "FGA020";
}
