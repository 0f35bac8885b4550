namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>One rule of a scope, prepared for the index; keeps its position so grants and failures name it.</summary>
internal sealed class CompiledRule
{
    public CompiledRule(ScopeRule rule)
    {
        Rule = rule;
        AlwaysFailsBecause = rule.AlwaysFailsBecause;
        Methods = new CompiledField(rule.Methods);
        Tools = new CompiledField(rule.Tools);
    }

    public ScopeRule Rule { get; }

    public int Index => Rule.Index;

    public string? AlwaysFailsBecause { get; }

    public CompiledField Methods { get; }

    public CompiledField Tools { get; }
}
