using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Reporting;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Reporting;

public class ScopesPathLoaderTests
{
    [Fact]
    public void MissingPath_IsScopesPathNotFound()
    {
        var refusal = Assert.Throws<CommandFailureException>(() => ScopesPathLoader.Load("/nonexistent/scopes.yml", new RecordingReport()));
        Assert.Equal("ScopesPathNotFound", refusal.ErrorId);
        Assert.Equal(FailureCategory.ObjectNotFound, refusal.Category);
        Assert.Equal("/nonexistent/scopes.yml", refusal.Target);
    }

    [Fact]
    public void FileWithoutAnyScope_IsScopesNotLoaded_WithTheFix()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("scopes.json", "not json at all");
        var report = new RecordingReport();
        var refusal = Assert.Throws<CommandFailureException>(() => ScopesPathLoader.Load(path, report));
        Assert.Equal("ScopesNotLoaded", refusal.ErrorId);
        Assert.NotEmpty(report.Findings);
    }

    [Fact]
    public void ReadableFile_ReportsItsSummaryLine()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "scopes", "default-scopes.yml");
        var report = new RecordingReport();
        var definitions = ScopesPathLoader.Load(path, report);
        Assert.NotEmpty(definitions.Scopes);
        Assert.Contains(report.Lines, l => l.StartsWith("Scopes: ", StringComparison.Ordinal) && l.Contains(path, StringComparison.Ordinal));
    }
}
