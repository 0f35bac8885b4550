namespace McpRegistryAuth.Core.Reporting;

/// <summary>
/// Where the core tells a cmdlet what it read and checked while it sets up, beside the results it
/// returns. The cmdlet base class implements it once, so every command routes these the same way
/// (checks and narration to Verbose; findings by their severity). Called on the caller's thread only.
/// </summary>
public interface IReportWriter
{
    /// <summary>A line of narration: what was read, from where, and what it held.</summary>
    void Verbose(string text);

    /// <summary>Something the user should act on that is not a finding of the server's own rules.</summary>
    void Warning(string text);

    /// <summary>A problem in a file or setting.</summary>
    void Finding(Finding finding);

    /// <summary>A rule evaluated.</summary>
    void Check(Check check);
}
