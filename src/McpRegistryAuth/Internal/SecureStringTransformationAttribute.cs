using System.Management.Automation;
using System.Security;

namespace McpRegistryAuth.Internal;

/// <summary>
/// Lets a SecureString token parameter also take a plain string (tokens piped from Import-Csv or
/// ConvertFrom-Json) and an object that carries its token in a Token, AccessToken or access_token
/// property (New-RegistryApiToken's result, a token object), so `-Token (New-RegistryApiToken)` works
/// as piping it does.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    private static readonly string[] TokenProperties = ["Token", "AccessToken", "access_token"];

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null:
                return null;
            case SecureString secure:
                return secure;
            case string text:
                return SecureStrings.ToSecureString(text);
        }

        // One level only: a token property holding another object is not unwrapped again.
        var carrier = PSObject.AsPSObject(inputData);
        foreach (var name in TokenProperties)
        {
            switch (carrier.Properties[name]?.Value)
            {
                case SecureString secure:
                    return secure;
                case string text:
                    return SecureStrings.ToSecureString(text);
            }
        }

        // Anything else goes on to normal binding, which reports the type it cannot convert.
        return inputData;
    }
}
