namespace McpRegistryAuth.Core.Requests;

/// <summary>The instant a verdict is given for: -At (to replay a 401 from a log) or now.</summary>
public static class EvaluationInstant
{
    /// <summary>
    /// A DateTime of unspecified kind is local time, as PowerShell parses <c>-At '2026-01-02 10:00'</c>;
    /// UTC and local values keep their meaning. Without one, <paramref name="now"/>.
    /// </summary>
    public static DateTimeOffset From(DateTime? at, DateTimeOffset now) =>
        at is { } when ? new DateTimeOffset(when.ToUniversalTime()) : now;
}
