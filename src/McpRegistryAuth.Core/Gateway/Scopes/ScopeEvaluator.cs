using System.Text.Json;
using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// <c>validate_server_tool_access(server_name, method, tool_name, user_scopes)</c> evaluated straight from
/// the definitions, rule by rule, as the gateway does (server.py:1745-1868). Scopes and rules are examined
/// in order; the first grant returns; anything Python would raise on denies the whole request. This is the
/// reference the ScopeIndex is tested against, and the one that explains itself.
/// </summary>
public static class ScopeEvaluator
{
    public const string ToolsCall = "tools/call";

    private static readonly DefinitionValue EmptyList = DefinitionValue.List(Array.Empty<DefinitionValue>());

    /// <summary>
    /// The decision for <paramref name="method"/> and <paramref name="tool"/>. A JSON-RPC method or tool name that
    /// is not a string is passed as <paramref name="methodValue"/> or <paramref name="toolValue"/> (the strings are
    /// then its Python <c>str()</c>): membership is Python's for that value, and a string-valued field raises on it.
    /// With <paramref name="isHttpVerb"/> (a generic-proxy request, release 1.32) the method is an HTTP verb and
    /// <see cref="HttpVerbMethods"/> decides each rule from its methods alone.
    /// </summary>
    public static ScopeDecision Decide(ScopeDefinitions definitions, IReadOnlyList<string> scopes, string server, string method, string? tool, bool explain = true, JsonElement? methodValue = null, JsonElement? toolValue = null, bool isHttpVerb = false)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(method);
        var checks = explain ? new List<Check>() : null;
        var target = server.Trim('/');
        foreach (var scopeName in scopes)
        {
            var scope = definitions.Find(scopeName);
            if (scope is null)
            {
                checks?.Add(new Check(ScopeCheckNames.FgacScope, false, $"scope '{scopeName}' is not defined", null, "An unknown scope has no rules and is skipped."));
                continue;
            }

            if (scope.IterationFailure is not null)
            {
                var failure = new ScopeEvaluationFailure(scopeName, null, scope.IterationFailure, scope.File, LineOrNull(scope.Line));
                checks?.Add(new Check(ScopeCheckNames.FgacDenyOnError, false, $"scope '{scopeName}': {scope.IterationFailure}", "a list of rules", "The gateway catches the error and denies; scopes after this one are not examined."));
                return Finish(false, null, failure, checks, server, method, tool, isHttpVerb);
            }

            var matched = 0;
            foreach (var rule in scope.Rules)
            {
                var outcome = isHttpVerb
                    ? ExamineHttpVerb(rule, target, method, out var grant, out var reason)
                    : Examine(rule, target, new Needle(method, methodValue), new Needle(tool, toolValue), out grant, out reason);
                if (outcome == RuleOutcome.NoServerMatch)
                {
                    continue;
                }

                matched++;
                if (outcome == RuleOutcome.Failure)
                {
                    var failure = new ScopeEvaluationFailure(scopeName, rule.Index, reason!, rule.File, LineOrNull(rule.Line));
                    checks?.Add(new Check(ScopeCheckNames.FgacDenyOnError, false, $"scope '{scopeName}' rule {rule.Index}{At(rule)}: {reason}", "a mapping with a string server and list methods/tools", "The gateway catches the error and denies; later rules and scopes are not examined."));
                    return Finish(false, null, failure, checks, server, method, tool, isHttpVerb);
                }

                if (outcome == RuleOutcome.Grant)
                {
                    checks?.Add(new Check(ScopeCheckNames.FgacRule, true, $"scope '{scopeName}' rule {rule.Index}{At(rule)} server {rule.Server}: {reason}"));
                    return Finish(true, grant, null, checks, server, method, tool, isHttpVerb);
                }

                checks?.Add(new Check(ScopeCheckNames.FgacRule, false, $"scope '{scopeName}' rule {rule.Index}{At(rule)} server {rule.Server}: {reason}"));
            }

            if (matched == 0)
            {
                checks?.Add(new Check(ScopeCheckNames.FgacScope, false, $"scope '{scopeName}': none of its {scope.Rules.Count} rule(s) names server '{target}' or '*'"));
            }
        }

        return Finish(false, null, null, checks, server, method, tool, isHttpVerb);
    }

    private static ScopeDecision Finish(bool allowed, ScopeGrant? grant, ScopeEvaluationFailure? failure, List<Check>? checks, string server, string method, string? tool, bool isHttpVerb)
    {
        checks?.Add(new Check(
            ScopeCheckNames.FgacDecision,
            allowed,
            allowed ? $"granted by {grant}" : failure is not null ? $"denied on error in {failure}" : "no rule grants it",
            isHttpVerb
                ? $"a rule for {server} whose methods list {method} (any case) or '{HttpVerbMethods.Wildcard}'"
                : $"a rule granting {server}.{method}{(method == ToolsCall && !string.IsNullOrEmpty(tool) ? $" tool '{tool}'" : "")}"));
        return new ScopeDecision { Allowed = allowed, Grant = grant, Failure = failure, Checks = (IReadOnlyList<Check>?)checks ?? Array.Empty<Check>() };
    }

    private enum RuleOutcome
    {
        NoServerMatch,
        NoGrant,
        Grant,
        Failure,
    }

    /// <summary>A method or tool name: its text, and the JSON value when it is not a string.</summary>
    private readonly record struct Needle(string? Text, JsonElement? Value)
    {
        public bool IsTruthy => Value is { } v ? PythonJsonValue.IsTruthy(v) : !string.IsNullOrEmpty(Text);

        public Membership In(DefinitionValue container) => Value is { } v ? container.ContainsValue(v) : container.Contains(Text!);
    }

    private static RuleOutcome Examine(ScopeRule rule, string target, Needle methodNeedle, Needle toolNeedle, out ScopeGrant? grant, out string? reason)
    {
        var method = methodNeedle.Text!;
        var tool = toolNeedle.Text;
        grant = null;
        if (ServerOutcome(rule, target, out reason) is { } outcome)
        {
            return outcome;
        }

        var methods = rule.Methods ?? EmptyList;
        var all = methods.Contains("all");
        if (all == Membership.Error)
        {
            reason = $"methods is {methods} ({methods.PythonType}); 'all' in it raises TypeError";
            return RuleOutcome.Failure;
        }

        var wildMethods = all == Membership.Yes || methods.Contains("*") == Membership.Yes;
        var methodIn = methodNeedle.In(methods);
        if (methodIn == Membership.Error)
        {
            reason = $"methods is {methods} ({methods.PythonType}) and the method is not a string; '{method}' in it raises TypeError";
            return RuleOutcome.Failure;
        }

        var methodListed = methodIn == Membership.Yes;
        if ((methodListed || wildMethods) && method != ToolsCall)
        {
            var branch = methodListed ? ScopeGrantBranch.MethodListed : ScopeGrantBranch.MethodWildcard;
            var substring = methods.IsString && methods.Text != (methodListed ? method : all == Membership.Yes ? "all" : "*");
            grant = new ScopeGrant(rule.Scope, rule.Index, branch, substring, rule.File, LineOrNull(rule.Line));
            reason = methodListed ? $"method '{method}' is in methods {methods}" : $"methods {methods} holds 'all' or '*' (every method except tools/call)";
            return RuleOutcome.Grant;
        }

        var tools = rule.Tools ?? EmptyList;
        var toolsAll = tools.Contains("all");
        if (toolsAll == Membership.Error)
        {
            reason = $"tools is {tools} ({tools.PythonType}); 'all' in it raises TypeError";
            return RuleOutcome.Failure;
        }

        var wildTools = toolsAll == Membership.Yes || tools.Contains("*") == Membership.Yes;
        var wildText = toolsAll == Membership.Yes ? "all" : "*";
        var byTool = method == ToolsCall && toolNeedle.IsTruthy;
        var needle = byTool ? tool! : method;
        var needleIn = (byTool ? toolNeedle : methodNeedle).In(tools);
        if (needleIn == Membership.Error)
        {
            reason = $"tools is {tools} ({tools.PythonType}) and '{needle}' is not a string; '{needle}' in it raises TypeError";
            return RuleOutcome.Failure;
        }

        var listed = needleIn == Membership.Yes;
        if (listed || wildTools)
        {
            var branch = listed
                ? (byTool ? ScopeGrantBranch.ToolListed : ScopeGrantBranch.MethodListedUnderTools)
                : ScopeGrantBranch.ToolWildcard;
            var substring = tools.IsString && tools.Text != (listed ? needle : wildText);
            grant = new ScopeGrant(rule.Scope, rule.Index, branch, substring, rule.File, LineOrNull(rule.Line));
            reason = listed ? $"'{needle}' is in tools {tools}{(substring ? " (substring of a string)" : "")}" : $"tools {tools} holds 'all' or '*'";
            return RuleOutcome.Grant;
        }

        reason = method == ToolsCall
            ? !byTool
                ? $"tools/call without a tool name needs 'tools/call' or a wildcard in tools {tools}"
                : $"tool '{tool}' is not in tools {tools}{(methodListed || wildMethods ? " (tools/call in methods is not enough)" : "")}"
            : $"method '{method}' is in neither methods {methods} nor tools {tools}";
        return RuleOutcome.NoGrant;
    }

    /// <summary>
    /// What a rule gives before its methods are read: Failure when it always fails, NoServerMatch when it names
    /// another server (or is no server rule); null when it applies to this server.
    /// </summary>
    private static RuleOutcome? ServerOutcome(ScopeRule rule, string target, out string? reason)
    {
        reason = rule.AlwaysFailsBecause;
        if (reason is not null)
        {
            return RuleOutcome.Failure;
        }

        if (rule.Shape != ScopeRuleShape.ServerRule)
        {
            return RuleOutcome.NoServerMatch;
        }

        var normalized = rule.NormalizedServer!;
        return normalized != "*" && !string.Equals(normalized, target, StringComparison.Ordinal) ? RuleOutcome.NoServerMatch : null;
    }

    /// <summary>One rule against a generic-proxy request's HTTP verb: server match as for MCP, then methods only.</summary>
    private static RuleOutcome ExamineHttpVerb(ScopeRule rule, string target, string verb, out ScopeGrant? grant, out string? reason)
    {
        grant = null;
        if (ServerOutcome(rule, target, out reason) is { } outcome)
        {
            return outcome;
        }

        var methods = rule.Methods ?? EmptyList;
        var branch = HttpVerbMethods.Test(rule.Methods, verb, out var failure);
        if (failure is not null)
        {
            reason = failure;
            return RuleOutcome.Failure;
        }

        if (branch is { } granted)
        {
            grant = new ScopeGrant(rule.Scope, rule.Index, granted, methods.IsString && methods.Text != HttpVerbMethods.Wildcard, rule.File, LineOrNull(rule.Line));
            reason = granted == ScopeGrantBranch.HttpVerbListed ? $"HTTP verb {verb} is in methods {methods}" : $"methods {methods} holds '{HttpVerbMethods.Wildcard}' (every HTTP verb)";
            return RuleOutcome.Grant;
        }

        var wildcardOnly = methods.Contains("*") == Membership.Yes || methods.Contains("all") == Membership.Yes;
        reason = $"HTTP verb {verb} is not in methods {methods}{(wildcardOnly ? " ('*' and 'all' grant MCP methods only, never an HTTP verb)" : "")}; verbs never fall through to tools";
        return RuleOutcome.NoGrant;
    }

    private static string At(ScopeRule rule) => rule.Line > 0 ? $" (line {rule.Line})" : "";

    private static int? LineOrNull(int line) => line > 0 ? line : null;
}
