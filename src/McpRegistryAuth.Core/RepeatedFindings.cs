namespace McpRegistryAuth.Core;

/// <summary>
/// Collapses findings that say the same thing again and again (a YAML anchor repeated by a million
/// aliases gives a million identical warnings): the first few of each severity, code and message are
/// kept, and one finding says how many more there were.
/// </summary>
public static class RepeatedFindings
{
    public const int Kept = 3;

    public static IReadOnlyList<Finding> Collapse(IReadOnlyList<Finding> findings, int kept = Kept)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var seen = new Dictionary<(FindingSeverity, string, string), int>();
        var result = new List<Finding>();
        foreach (var finding in findings)
        {
            var key = (finding.Severity, finding.Code, finding.Message);
            seen.TryGetValue(key, out var count);
            seen[key] = count + 1;
            if (count < kept)
            {
                result.Add(finding);
            }
        }

        foreach (var ((severity, code, message), count) in seen.Where(s => s.Value > kept))
        {
            result.Add(new Finding
            {
                Severity = severity,
                Code = code,
                Message = $"{count - kept} more {code} finding(s) with the same message were not listed: {message}",
            });
        }

        return result;
    }
}
