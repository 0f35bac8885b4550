using System.Reflection;
using Xunit;

namespace McpRegistryAuth.Module.Tests;

/// <summary>PowerShell conventions every cmdlet of the built assembly must follow.</summary>
public class CmdletSurfaceTests
{
    private static BuiltModule Module => BuiltModule.Instance;

    public static TheoryData<string> CmdletNames()
    {
        var data = new TheoryData<string>();
        foreach (var cmdlet in BuiltModule.Instance.Cmdlets)
        {
            data.Add(cmdlet.Name);
        }

        return data;
    }

    private static CmdletInfo Cmdlet(string name) => Module.Cmdlets.Single(c => c.Name == name);

    /// <summary>The approved verbs, read from the Verbs* classes of System.Management.Automation itself.</summary>
    private static HashSet<string> ApprovedVerbs() =>
        Module.Sma.GetTypes()
            .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Module_ExportsTheFoundationCmdlets()
    {
        var names = Module.Cmdlets.Select(c => c.Name).ToList();
        Assert.Contains("New-RegistryApiToken", names);
        Assert.Contains("Test-RegistryToken", names);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_UsesAnApprovedVerb(string name)
    {
        var verbs = ApprovedVerbs();
        Assert.True(verbs.Count > 50, "the approved verb list could not be read");
        Assert.Contains(Cmdlet(name).Verb, verbs);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_DeclaresOutputType(string name)
    {
        Assert.NotEmpty(Cmdlet(name).OutputTypes);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_ParameterSetsAreWellFormed(string name)
    {
        var cmdlet = Cmdlet(name);
        var sets = cmdlet.ParameterSetNames;
        if (sets.Count > 1)
        {
            Assert.NotNull(cmdlet.DefaultParameterSetName);
            Assert.Contains(cmdlet.DefaultParameterSetName!, sets);
        }

        // Positions are unique within each set (parameters of all sets count in every set).
        var effectiveSets = sets.Count == 0 ? [ParameterSetUsage.AllSets] : sets;
        foreach (var set in effectiveSets)
        {
            var positions = cmdlet.Parameters
                .SelectMany(p => p.Sets.Where(s => s.Name == set || s.Name == ParameterSetUsage.AllSets).Select(s => (p.Name, s.Position)))
                .Where(x => x.Position is not null)
                .GroupBy(x => x.Position)
                .Where(g => g.Count() > 1)
                .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Name))}")
                .ToList();
            Assert.True(positions.Count == 0, $"{name}, set {set}: duplicate positions {string.Join("; ", positions)}");
        }

        // At most one parameter per set takes the whole pipeline object by value (besides strings bound by type).
        foreach (var set in effectiveSets)
        {
            var byValue = cmdlet.Parameters.Where(p => p.Sets.Any(s => (s.Name == set || s.Name == ParameterSetUsage.AllSets) && s.ValueFromPipeline)).ToList();
            Assert.True(byValue.Count <= 1, $"{name}, set {set}: several ValueFromPipeline parameters ({string.Join(", ", byValue.Select(p => p.Name))})");
        }
    }

    /// <summary>
    /// PowerShell picks the default set whenever it is still valid after binding, so a call naming only
    /// the mandatory parameters of another set must rule the default set out, or it prompts for (or, in
    /// a non-interactive session, fails on) the default set's own mandatory parameters.
    /// </summary>
    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_EachSetIsReachableByItsMandatoryParametersAlone(string name)
    {
        var cmdlet = Cmdlet(name);
        var defaultSet = cmdlet.DefaultParameterSetName;
        if (defaultSet is null)
        {
            return;
        }

        bool InSet(ParameterInfo p, string set) => p.Sets.Any(s => s.Name == set || s.Name == ParameterSetUsage.AllSets);
        bool MandatoryIn(ParameterInfo p, string set) => p.Sets.Any(s => (s.Name == set || s.Name == ParameterSetUsage.AllSets) && s.Mandatory);

        var defaultMandatory = cmdlet.Parameters.Where(p => MandatoryIn(p, defaultSet)).Select(p => p.Name).ToHashSet();
        foreach (var set in cmdlet.ParameterSetNames.Where(s => s != defaultSet))
        {
            var given = cmdlet.Parameters.Where(p => MandatoryIn(p, set)).ToList();
            if (given.Count == 0 || !given.All(p => InSet(p, defaultSet)))
            {
                continue;
            }

            var missing = defaultMandatory.Except(given.Select(p => p.Name)).ToList();
            Assert.True(missing.Count == 0,
                $"{name} {string.Join(" ", given.Select(p => "-" + p.Name))} binds to the default set {defaultSet}, not {set}, and then misses {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void GetRegistryAuthMetadata_WwwAuthenticateAloneParsesTheHeader()
    {
        var cmdlet = Cmdlet("Get-RegistryAuthMetadata");
        Assert.Equal("Header", cmdlet.DefaultParameterSetName);
        Assert.Contains(cmdlet.Parameter("Uri").Sets, s => s.Name == "Uri" && s.Mandatory && s.Position == 0);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_ThatWritesFilesOrChangesAServerSupportsShouldProcess(string name)
    {
        var cmdlet = Cmdlet(name);
        var writes = cmdlet.Parameters.Any(p => p.Name == "Force")
            || cmdlet.Verb is "New" or "Set" or "Add" or "Remove" or "Export" or "Save" or "Update" or "Register" or "Unregister" or "Invoke";
        if (writes)
        {
            Assert.True(cmdlet.SupportsShouldProcess, $"{name} writes files or changes a server but does not support -WhatIf/-Confirm");
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_TestCmdletsHaveQuietReturningBool(string name)
    {
        var cmdlet = Cmdlet(name);
        if (cmdlet.Verb != "Test")
        {
            return;
        }

        Assert.Equal("System.Management.Automation.SwitchParameter", cmdlet.Parameter("Quiet").Type.FullName);
        var declared = cmdlet.OutputTypes.SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : [arg.Value])
            .OfType<Type>()
            .Select(t => t.FullName);
        Assert.Contains("System.Boolean", declared);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_SecretParametersAreSecureStrings(string name)
    {
        foreach (var parameter in Cmdlet(name).Parameters)
        {
            if (parameter.Name is "ClientSecret" or "Secret" or "Password")
            {
                Assert.Equal("System.Security.SecureString", parameter.Type.FullName);
            }
        }
    }

    /// <summary>
    /// A token parameter takes tokens of any length (a SecureString holds at most 65,536 characters): it is
    /// a TokenInput bound through the transformation that takes a SecureString, text or a Token property.
    /// </summary>
    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_TokenParametersAreTokenInputsWithTheTransformation(string name)
    {
        foreach (var parameter in Cmdlet(name).Parameters.Where(p => p.Name == "Token"))
        {
            Assert.Equal("McpRegistryAuth.Internal.TokenInput", parameter.Type.FullName);
            Assert.Contains(parameter.Property.GetCustomAttributesData(), a => a.AttributeType.Name == "TokenInputTransformationAttribute");
        }
    }

    [Fact]
    public void TestRegistryToken_TokenBindsByValueAndByPropertyNameWithItsAliases()
    {
        var token = Cmdlet("Test-RegistryToken").Parameter("Token");
        Assert.Contains(token.Sets, s => s.ValueFromPipeline && s.ValueFromPipelineByPropertyName);
        Assert.Contains("AccessToken", token.Aliases);
        Assert.Contains("access_token", token.Aliases);
    }

    [Fact]
    public void TestRegistryToken_RequestPartsBindByPropertyName()
    {
        var cmdlet = Cmdlet("Test-RegistryToken");
        foreach (var name in new[] { "Uri", "Header", "Body" })
        {
            Assert.Contains(cmdlet.Parameter(name).Sets, s => s.ValueFromPipelineByPropertyName);
        }
    }

    [Fact]
    public void TestRegistryToken_TokenAndTokenFileAreSeparateSetsWithTokenTheDefault()
    {
        var cmdlet = Cmdlet("Test-RegistryToken");
        Assert.Equal("Token", cmdlet.DefaultParameterSetName);
        Assert.Contains(cmdlet.Parameter("TokenFile").Sets, s => s.Name == "TokenFile" && s.Mandatory);
        Assert.All(cmdlet.Parameter("Token").Sets, s => Assert.Equal("Token", s.Name));
    }

    [Fact]
    public void NewRegistryApiToken_WritesFilesOnlyWithShouldProcessAndForce()
    {
        var cmdlet = Cmdlet("New-RegistryApiToken");
        Assert.True(cmdlet.SupportsShouldProcess);
        foreach (var name in new[] { "EnvFile", "TokenFile", "Force", "AsPlainText", "ByteCount" })
        {
            Assert.NotNull(cmdlet.Parameter(name));
        }
    }

    [Fact]
    public void TokensFile_IsTheServersListOfAcceptedTokensEverywhere()
    {
        Assert.DoesNotContain(Module.Cmdlets.SelectMany(c => c.Parameters), p => p.Name == "ToolRegistryTokensFile");
        Assert.Equal("System.String", Cmdlet("Test-RegistryToken").Parameter("TokensFile").Type.FullName);
        Assert.Equal(["ToolRegistryTokensFile"], Cmdlet("New-RegistryApiToken").Parameter("TokensFile").Aliases);
    }
}
