namespace McpRegistryAuth.Core.Files;

/// <summary>
/// One top-level <c>name = value</c> of a terraform.tfvars file. ValueStart/ValueEnd are character offsets
/// of the value expression (a trailing comment and white space excluded).
/// </summary>
public sealed record TfVarsAttribute(string Name, int Line, int ValueStart, int ValueEnd, string ValueText)
{
    /// <summary>The string a quoted-literal value stands for; null when the value is not a plain quoted string.</summary>
    public string? StringValue => TfVarsFile.UnquoteLiteral(ValueText);

    /// <summary>Never the value: it may be a secret.</summary>
    public override string ToString() => $"{Name} (line {Line})";
}
