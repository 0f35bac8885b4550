using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Tests.Reporting;

/// <summary>An <see cref="IReportWriter"/> that keeps every line, in order, for assertions.</summary>
internal sealed class RecordingReport : IReportWriter
{
    public List<string> Lines { get; } = [];

    public List<Finding> Findings { get; } = [];

    public List<Check> Checks { get; } = [];

    public List<string> Warnings { get; } = [];

    public void Verbose(string text) => Lines.Add(text);

    public void Warning(string text) => Warnings.Add(text);

    public void Finding(Finding finding) => Findings.Add(finding);

    public void Check(Check check) => Checks.Add(check);
}
