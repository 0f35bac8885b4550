using System.Management.Automation;
using System.Security;

namespace McpRegistryAuth.Internal;

/// <summary>
/// Lets a SecureString parameter also take a plain string, so tokens piped from Import-Csv or
/// ConvertFrom-Json (an AccessToken or access_token property) bind without a conversion step.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            null => null,
            SecureString secure => secure,
            string text => SecureStrings.ToSecureString(text),
            // Anything else goes on to normal binding, which can still bind it by property name.
            _ => inputData,
        };
    }
}
