using System.Globalization;
using System.Text.Json;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>A NumericDate claim (<c>exp</c>, <c>nbf</c>, <c>iat</c>, <c>auth_time</c>) as UTC and relative to the evaluation instant.</summary>
public sealed record TimeClaim
{
    public required string Name { get; init; }

    /// <summary>Seconds since the epoch as written in the token; null when the claim is not a JSON number.</summary>
    public double? Seconds { get; init; }

    public DateTimeOffset? Utc { get; init; }

    /// <summary>"expires in 4m 10s", "expired 2h 3m ago", "valid from 10s ago", "issued in 5m (in the future)"; or why it is unreadable.</summary>
    public required string Relative { get; init; }

    /// <summary>Seconds from the evaluation instant to the claim (negative: in the past).</summary>
    public double? SecondsFromNow { get; init; }

    public override string ToString() => Utc is null ? $"{Name}: {Relative}" : $"{Name}: {Utc:yyyy-MM-dd HH:mm:ss}Z ({Relative})";

    internal static TimeClaim? From(JsonObjectView claims, string name, DateTimeOffset at)
    {
        if (!claims.TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds) || double.IsNaN(seconds) || Math.Abs(seconds) > 253402300799d)
        {
            return new TimeClaim { Name = name, Relative = $"not a NumericDate (JSON {JsonObjectView.KindName(value.ValueKind)})" };
        }

        var utc = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds * 1000));
        var delta = (utc - at).TotalSeconds;
        return new TimeClaim { Name = name, Seconds = seconds, Utc = utc, SecondsFromNow = delta, Relative = Describe(name, delta) };
    }

    internal static string Describe(string name, double delta)
    {
        var span = FormatSpan(Math.Abs(delta));
        var future = delta > 0;
        return name switch
        {
            "exp" => future ? $"expires in {span}" : delta == 0 ? "expires now" : $"expired {span} ago",
            "nbf" => future ? $"not valid for another {span}" : $"valid since {span} ago",
            _ => future ? $"{span} in the future" : $"{span} ago",
        };
    }

    /// <summary>"2h 3m", "4m 10s", "12s", "3d 4h": the two largest units.</summary>
    public static string FormatSpan(double seconds)
    {
        if (!double.IsFinite(seconds) || Math.Abs(seconds) > 1e12) return "an unbounded time";
        var total = (long)Math.Round(seconds);
        if (total < 60) return string.Create(CultureInfo.InvariantCulture, $"{total}s");
        var units = new (long Size, string Unit)[] { (86400, "d"), (3600, "h"), (60, "m"), (1, "s") };
        var parts = new List<string>(2);
        foreach (var (size, unit) in units)
        {
            if (total < size && parts.Count == 0) continue;
            var n = total / size;
            total %= size;
            if (n > 0 || parts.Count > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{n}{unit}"));
            if (parts.Count == 2) break;
        }

        if (parts.Count == 2 && parts[1].StartsWith('0')) parts.RemoveAt(1);
        return string.Join(' ', parts);
    }
}
