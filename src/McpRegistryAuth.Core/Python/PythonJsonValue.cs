using System.Globalization;
using System.Text;
using System.Text.Json;

namespace McpRegistryAuth.Core.Python;

/// <summary>
/// A value <c>json.loads</c> returned, as Python code then treats it: its truthiness (what <c>a or b</c> skips)
/// and its <c>str()</c> (what an f-string writes). JSON numbers are Python ints when written without a fraction
/// or exponent, floats otherwise.
/// </summary>
public static class PythonJsonValue
{
    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => false,
        JsonValueKind.String => Text(value).Length > 0,
        JsonValueKind.Number => Number(value) != 0,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.Object => value.EnumerateObject().Any(),
        _ => true,
    };

    /// <summary>Python's <c>str(value)</c>; strings inside a list or dict are shown as <c>repr</c> does.</summary>
    public static string Str(JsonElement value) => value.ValueKind == JsonValueKind.String ? Text(value) : Repr(value);

    /// <summary>The number as a double (Python compares ints and floats by value).</summary>
    public static double Number(JsonElement value) =>
        double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>True for a JSON number Python reads as an int.</summary>
    public static bool IsInt(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0;

    private static string Repr(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return "None";
            case JsonValueKind.True:
                return "True";
            case JsonValueKind.False:
                return "False";
            case JsonValueKind.String:
                return "'" + Text(value).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
            case JsonValueKind.Number:
                return IsInt(value) ? System.Numerics.BigInteger.Parse(value.GetRawText(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : Float(Number(value));
            case JsonValueKind.Array:
                return "[" + string.Join(", ", value.EnumerateArray().Select(Repr)) + "]";
            default:
                var builder = new StringBuilder("{");
                foreach (var property in value.EnumerateObject())
                {
                    builder.Append(builder.Length > 1 ? ", " : "").Append(Repr(JsonDocument.Parse(JsonSerializer.Serialize(property.Name)).RootElement)).Append(": ").Append(Repr(property.Value));
                }

                return builder.Append('}').ToString();
        }
    }

    // repr(float): the shortest round-trip digits, ".0" on integral values, exponent form from 1e16 up and below 1e-4.
    private static string Float(double number)
    {
        var shortest = number.ToString("R", CultureInfo.InvariantCulture);
        var magnitude = Math.Abs(number);
        if (magnitude != 0 && (magnitude >= 1e16 || magnitude < 1e-4))
        {
            return number.ToString("0.################E+00", CultureInfo.InvariantCulture).Replace('E', 'e');
        }

        if (shortest.Contains('E', StringComparison.Ordinal))
        {
            shortest = number.ToString("0.0###################", CultureInfo.InvariantCulture);
        }

        return shortest.Contains('.', StringComparison.Ordinal) || !double.IsFinite(number) ? shortest : shortest + ".0";
    }

    /// <summary>
    /// A JSON string as Python's json.loads reads it. Python keeps an escaped lone surrogate ("\ud83d") as a
    /// character of its own, where System.Text.Json refuses to make a string of it; such text is unescaped here.
    /// </summary>
    public static string Text(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = value.GetRawText();
            var builder = new System.Text.StringBuilder(raw.Length);
            for (var i = 1; i < raw.Length - 1; i++)
            {
                if (raw[i] != '\\')
                {
                    builder.Append(raw[i]);
                    continue;
                }

                var escape = raw[++i];
                if (escape == 'u')
                {
                    builder.Append((char)Convert.ToInt32(raw.Substring(i + 1, 4), 16));
                    i += 4;
                    continue;
                }

                builder.Append(escape switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => escape });
            }

            return builder.ToString();
        }
    }
}
