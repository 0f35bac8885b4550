using System.Globalization;
using System.Text;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>
/// A separately written model of the gateway's FGAC decision over Python values, used as the expected
/// answer for generated scope shapes. It follows the Python code line by line (validate_server_tool_access,
/// _server_names_match, the file backend's get_server_scopes and the DocumentDB backend's
/// _flatten_server_access) and Python's own operators (== across int/float/bool, `in` on str as a code-point
/// substring test, on dict as a key test, TypeError elsewhere). It shares no code with the implementation.
/// Values: null (None), string, long, double, bool, PyDate, List&lt;object?&gt; and PyDict.
/// </summary>
internal static class PythonFgacModel
{
    /// <summary>Raised where Python raises (TypeError, AttributeError); the gateway's except turns it into deny.</summary>
    public sealed class PyError(string message) : Exception(message);

    /// <summary>A datetime.date PyYAML makes of an unquoted 2026-01-01.</summary>
    public sealed record PyDate(int Year, int Month, int Day);

    /// <summary>A dict in insertion order.</summary>
    public sealed class PyDict(IEnumerable<KeyValuePair<object, object?>> entries)
    {
        public List<KeyValuePair<object, object?>> Entries { get; } = entries.ToList();

        public bool TryGet(object key, out object? value)
        {
            foreach (var entry in Entries)
            {
                if (Eq(entry.Key, key))
                {
                    value = entry.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }
    }

    public static PyDict Dict(params (object Key, object? Value)[] entries) => new(entries.Select(e => new KeyValuePair<object, object?>(e.Key, e.Value)));

    public static List<object?> List(params object?[] items) => items.ToList();

    // ---- Python operators ----

    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0 || double.IsNaN(d),
        string s => s.Length > 0,
        List<object?> list => list.Count > 0,
        PyDict dict => dict.Entries.Count > 0,
        _ => true,
    };

    private static bool IsNumber(object? value, out double number)
    {
        switch (value)
        {
            case bool b: number = b ? 1 : 0; return true;
            case long l: number = l; return true;
            case double d: number = d; return true;
            default: number = 0; return false;
        }
    }

    public static bool Eq(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (IsNumber(a, out var x) && IsNumber(b, out var y))
        {
            return x == y;
        }

        return (a, b) switch
        {
            (string s, string t) => string.Equals(CodePoints(s), CodePoints(t), StringComparison.Ordinal),
            (PyDate d, PyDate e) => d == e,
            (List<object?> l, List<object?> m) => l.Count == m.Count && l.Zip(m).All(p => Eq(p.First, p.Second)),
            (PyDict d, PyDict e) => d.Entries.Count == e.Entries.Count && d.Entries.All(p => e.TryGet(p.Key, out var v) && Eq(p.Value, v)),
            _ => false,
        };
    }

    /// <summary>A Python str is a sequence of code points: a surrogate pair is one, a lone surrogate is one.</summary>
    private static List<int> Points(string s)
    {
        var points = new List<int>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                points.Add(char.ConvertToUtf32(s[i], s[i + 1]));
                i++;
            }
            else
            {
                points.Add(s[i]);
            }
        }

        return points;
    }

    private static string CodePoints(string s) => string.Join(",", Points(s));

    /// <summary>Python's <c>needle in container</c>.</summary>
    public static bool In(object? needle, object? container)
    {
        switch (container)
        {
            case string text:
                if (needle is not string part)
                {
                    throw new PyError("'in <string>' requires string as left operand");
                }

                var hay = Points(text);
                var sub = Points(part);
                for (var start = 0; start + sub.Count <= hay.Count; start++)
                {
                    if (hay.Skip(start).Take(sub.Count).SequenceEqual(sub))
                    {
                        return true;
                    }
                }

                return false;
            case List<object?> list:
                return list.Any(item => Eq(item, needle));
            case PyDict dict:
                if (needle is List<object?> or PyDict)
                {
                    throw new PyError("unhashable type");
                }

                return dict.TryGet(needle!, out _);
            default:
                throw new PyError($"argument of type '{TypeName(container)}' is not iterable");
        }
    }

    public static IEnumerable<object?> Iterate(object? value) => value switch
    {
        List<object?> list => list,
        PyDict dict => dict.Entries.Select(e => (object?)e.Key).ToList(),
        string text => Points(text).Select(p => (object?)PointText(p)).ToList(),
        _ => throw new PyError($"'{TypeName(value)}' object is not iterable"),
    };

    private static string PointText(int point) => point is >= 0xD800 and <= 0xDFFF ? ((char)point).ToString() : char.ConvertFromUtf32(point);

    /// <summary><c>value.get(key, default)</c>: only a dict has get.</summary>
    public static object? Get(object? value, string key, object? fallback) =>
        value is PyDict dict ? (dict.TryGet(key, out var found) ? found : fallback) : throw new PyError($"'{TypeName(value)}' object has no attribute 'get'");

    private static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        List<object?> => "list",
        PyDict => "dict",
        PyDate => "datetime.date",
        _ => value.GetType().Name,
    };

    // ---- the gateway's functions ----

    /// <summary><c>_normalize_server_name</c>: <c>name.strip("/") if name else name</c>.</summary>
    private static object? NormalizeServerName(object? name)
    {
        if (!Truthy(name))
        {
            return name;
        }

        return name is string s ? s.Trim('/') : throw new PyError($"'{TypeName(name)}' object has no attribute 'strip'");
    }

    private static bool ServerNamesMatch(object? name1, object? name2)
    {
        var normalized = NormalizeServerName(name1);
        if (Eq(normalized, "*"))
        {
            return true;
        }

        return Eq(normalized, NormalizeServerName(name2));
    }

    /// <summary>Where the gateway reads a scope's rules from.</summary>
    public interface IScopeStore
    {
        object? GetServerScopes(string scope);
    }

    /// <summary>[V124] FileScopeRepository: the safe_load'ed scopes.yml; <c>get_server_scopes</c> is <c>data.get(scope, [])</c>.</summary>
    public sealed class FileStore(PyDict data) : IScopeStore
    {
        public object? GetServerScopes(string scope) => data.TryGet(scope, out var value) ? value : new List<object?>();
    }

    /// <summary>DocumentDBScopeRepository: find_one by _id, flatten server_access; any exception returns [].</summary>
    public sealed class DocumentStore(IReadOnlyList<PyDict> documents) : IScopeStore
    {
        public object? GetServerScopes(string scope)
        {
            var document = documents.FirstOrDefault(d => d.TryGet("_id", out var id) && Eq(id, scope));
            if (document is null)
            {
                return new List<object?>();
            }

            try
            {
                return Flatten(document.TryGet("server_access", out var access) ? access : new List<object?>());
            }
            catch (PyError)
            {
                return new List<object?>();
            }
        }

        private static List<object?> Flatten(object? serverAccess)
        {
            var rules = new List<object?>();
            foreach (var entry in Iterate(serverAccess))
            {
                if (In("access_rules", entry))
                {
                    rules.AddRange(Iterate(Get(entry, "access_rules", new List<object?>())));
                }
                else if (In("server", entry) || In("agent", entry))
                {
                    rules.Add(entry);
                }
            }

            return rules;
        }
    }

    /// <summary>
    /// The loop both branches of <c>validate_server_tool_access</c> share: each scope's config (falsy ones
    /// skipped), each of its rules whose server matches. Lazy, so a PyError surfaces in the caller's try.
    /// </summary>
    private static IEnumerable<object?> RulesFor(IScopeStore store, IEnumerable<string> userScopes, string serverName)
    {
        foreach (var scope in userScopes)
        {
            var config = store.GetServerScopes(scope);
            if (!Truthy(config))
            {
                continue;
            }

            foreach (var rule in Iterate(config))
            {
                if (ServerNamesMatch(Get(rule, "server", null), serverName))
                {
                    yield return rule;
                }
            }
        }
    }

    /// <summary><c>validate_server_tool_access(server_name, method, tool_name, user_scopes)</c>.</summary>
    public static bool Validate(IScopeStore store, IEnumerable<string> userScopes, string serverName, string method, string? toolName)
    {
        try
        {
            foreach (var rule in RulesFor(store, userScopes, serverName))
            {
                var methods = Get(rule, "methods", new List<object?>());
                var wildMethods = In("all", methods) || In("*", methods);
                if ((In(method, methods) || wildMethods) && method != "tools/call")
                {
                    return true;
                }

                var tools = Get(rule, "tools", new List<object?>());
                var wildTools = In("all", tools) || In("*", tools);
                if (method == "tools/call" && Truthy(toolName))
                {
                    if (In(toolName, tools) || wildTools)
                    {
                        return true;
                    }
                }
                else if (In(method, tools) || wildTools)
                {
                    return true;
                }
            }

            return false;
        }
        catch (PyError)
        {
            return false;
        }
    }

    /// <summary>
    /// [V132] <c>validate_server_tool_access(..., is_http_verb=True)</c>: <c>"http:*" in methods</c>, then
    /// <c>method.upper() in {m.upper() for m in methods}</c> (AttributeError for an item that is not a str), and
    /// never the tools list.
    /// </summary>
    public static bool ValidateHttpVerb(IScopeStore store, IEnumerable<string> userScopes, string serverName, string verb)
    {
        try
        {
            foreach (var rule in RulesFor(store, userScopes, serverName))
            {
                var methods = Get(rule, "methods", new List<object?>());
                var wildcard = In("http:*", methods);
                var upper = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in Iterate(methods))
                {
                    upper.Add(item is string text ? text.ToUpperInvariant() : throw new PyError($"'{TypeName(item)}' object has no attribute 'upper'"));
                }

                if (upper.Contains(verb.ToUpperInvariant()) || wildcard)
                {
                    return true;
                }
            }

            return false;
        }
        catch (PyError)
        {
            return false;
        }
    }

    // ---- writing the values in each storage form ----

    /// <summary>A plain YAML scalar and the value PyYAML's safe_load gives it (YAML 1.1 resolvers).</summary>
    public sealed record YamlPlain(string Text, object? Value);

    /// <summary>The Python value of a generated value (YamlPlain unwrapped).</summary>
    public static object? Py(object? value) => value switch
    {
        YamlPlain plain => plain.Value,
        List<object?> list => list.Select(Py).ToList(),
        PyDict dict => new PyDict(dict.Entries.Select(e => new KeyValuePair<object, object?>(Py(e.Key)!, Py(e.Value)))),
        _ => value,
    };

    /// <summary>YAML flow text: strings single-quoted, plain scalars as written.</summary>
    public static string Yaml(object? value) => value switch
    {
        null => "null",
        YamlPlain plain => plain.Text,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("0.0###", CultureInfo.InvariantCulture),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        PyDate d => $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}",
        List<object?> list => "[" + string.Join(", ", list.Select(Yaml)) + "]",
        PyDict dict => "{" + string.Join(", ", dict.Entries.Select(e => Yaml(e.Key) + ": " + Yaml(e.Value))) + "}",
        _ => throw new ArgumentException(value.GetType().Name),
    };

    /// <summary>JSON text (no dates or YAML-only scalars).</summary>
    public static string Json(object? value) => value switch
    {
        null => "null",
        YamlPlain plain => Json(plain.Value),
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("0.0###", CultureInfo.InvariantCulture),
        string s => JsonString(s),
        List<object?> list => "[" + string.Join(", ", list.Select(Json)) + "]",
        PyDict dict => "{" + string.Join(", ", dict.Entries.Select(e => Json(e.Key) + ": " + Json(e.Value))) + "}",
        _ => throw new ArgumentException(value.GetType().Name),
    };

    private static string JsonString(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in s)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>True when the value (or anything inside it) has no JSON form.</summary>
    public static bool YamlOnly(object? value) => value switch
    {
        PyDate => true,
        YamlPlain plain => YamlOnly(plain.Value) || plain.Value is not (null or bool or long or double or string),
        List<object?> list => list.Any(YamlOnly),
        PyDict dict => dict.Entries.Any(e => YamlOnly(e.Key) || YamlOnly(e.Value)),
        _ => false,
    };
}
