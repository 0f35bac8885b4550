using System.Collections;
using System.Management.Automation;
using System.Security;

namespace McpRegistryAuth.Internal;

/// <summary>
/// Binds a token parameter (<see cref="TokenInput"/>) from a SecureString, a plain string (tokens piped
/// from Import-Csv or ConvertFrom-Json), or an object or hashtable that carries its token in a Token,
/// AccessToken or access_token property (New-RegistryApiToken's and Get-McpAccessToken's results, a token
/// response), so `-Token (New-RegistryApiToken)` works as piping it does. Text of any length binds: one
/// too long for a SecureString is held by <see cref="TokenInput"/> in a pinned array. Binding never fails
/// on a token's length, so no binding error ever carries a token as its target.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TokenInputTransformationAttribute : ArgumentTransformationAttribute
{
    private static readonly string[] TokenProperties = ["Token", "AccessToken", "access_token"];

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if (FromValue(Unwrap(inputData)) is { } direct)
        {
            return direct;
        }

        if (inputData is null)
        {
            return null;
        }

        // One level only: a token property holding another object is not unwrapped again.
        if (Unwrap(inputData) is IDictionary dictionary)
        {
            foreach (var name in TokenProperties)
            {
                if (dictionary.Contains(name) && FromValue(Unwrap(dictionary[name])) is { } fromKey)
                {
                    return fromKey;
                }
            }
        }
        else
        {
            var carrier = PSObject.AsPSObject(inputData);
            foreach (var name in TokenProperties)
            {
                if (FromValue(Unwrap(carrier.Properties[name]?.Value)) is { } fromProperty)
                {
                    return fromProperty;
                }
            }
        }

        // Anything else goes on to normal binding, which reports the type it cannot convert.
        return inputData;
    }

    private static TokenInput? FromValue(object? value) => value switch
    {
        TokenInput token => token,
        SecureString secure => TokenInput.FromSecureString(secure),
        string text => TokenInput.FromText(text),
        _ => null,
    };

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
