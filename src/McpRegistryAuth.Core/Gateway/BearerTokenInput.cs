using McpRegistryAuth.Core.Python;


namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Checks a token given to the module before it is put in a header: a control character inside the
/// value cannot be sent in an HTTP header and means the input is broken (a pasted line break, a
/// terminal escape). Outer white space is kept: the servers' own handling of it is part of the verdict.
/// </summary>
public static class BearerTokenInput
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the position of the first inner control character.</summary>
    public static void Validate(string token, string parameterName)
    {
        if (token.Length == 0 || PythonText.Strip(token).Length == 0)
        {
            throw new ArgumentException("The token is empty.", parameterName);
        }

        var start = 0;
        var end = token.Length;
        while (start < end && PythonText.IsSpace(token[start]))
        {
            start++;
        }

        while (end > start && PythonText.IsSpace(token[end - 1]))
        {
            end--;
        }

        for (var i = start; i < end; i++)
        {
            if (char.IsControl(token[i]))
            {
                throw new ArgumentException(
                    $"The token has a control character (U+{(int)token[i]:X4}) at position {i + 1} of {token.Length}, inside the value. No server receives such a header intact; check how the token was copied (line breaks, terminal escapes).",
                    parameterName);
            }
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when a header value given as is holds a control character
    /// other than a tab: nginx, Go's net/http and uvicorn's h11 all answer 400 to such a header before
    /// any auth check runs. Names the header and the position, never the value.
    /// </summary>
    public static void ValidateHeaderValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]) && value[i] != '\t')
            {
                throw new ArgumentException(
                    $"The '{name}' header has a control character (U+{(int)value[i]:X4}) at position {i + 1} of {value.Length}. nginx, Go's net/http and uvicorn answer 400 Bad Request to such a header before any auth check; check how the value was copied.",
                    "Header");
            }
        }
    }
}
