using System.Globalization;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The value Python holds for a number written in a scope definition: JSON numbers as written, and YAML 1.1
/// numbers as PyYAML's SafeConstructor reads them (underscores dropped; 0x hex, 0b binary, a leading 0 octal,
/// a:b:c base 60; .inf and .nan). Needed wherever Python compares or tests the truth of such a value:
/// <c>server: 0x0</c> is a falsy 0, and <c>[0x1F]</c> holds 31.
/// </summary>
internal static class PythonNumber
{
    public static double Parse(string text)
    {
        var value = text.Replace("_", "", StringComparison.Ordinal);
        if (value.Length == 0)
        {
            return double.NaN;
        }

        var sign = 1d;
        if (value[0] is '-' or '+')
        {
            sign = value[0] == '-' ? -1 : 1;
            value = value[1..];
        }

        var lower = value.ToLowerInvariant();
        if (lower == ".inf")
        {
            return sign * double.PositiveInfinity;
        }

        if (lower == ".nan")
        {
            return double.NaN;
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            // Base 60: each part multiplies what came before by 60.
            var total = 0d;
            foreach (var part in value.Split(':'))
            {
                total = (total * 60) + (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var digit) ? digit : double.NaN);
            }

            return sign * total;
        }

        if (lower.StartsWith("0x", StringComparison.Ordinal))
        {
            return sign * Digits(lower[2..], 16);
        }

        if (lower.StartsWith("0b", StringComparison.Ordinal))
        {
            return sign * Digits(lower[2..], 2);
        }

        if (value.Length > 1 && value[0] == '0' && value.All(char.IsAsciiDigit))
        {
            return sign * Digits(value[1..], 8);
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? sign * number : double.NaN;
    }

    /// <summary>True when Python holds the value as a float rather than an int.</summary>
    public static bool IsFloat(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower.TrimStart('-', '+').StartsWith("0x", StringComparison.Ordinal))
        {
            return false;
        }

        return lower.Contains('.', StringComparison.Ordinal) || lower.Contains('e', StringComparison.Ordinal);
    }

    private static double Digits(string digits, int radix)
    {
        if (digits.Length == 0)
        {
            return double.NaN;
        }

        var total = 0d;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return double.NaN;
            }

            total = (total * radix) + digit;
        }

        return total;
    }
}
