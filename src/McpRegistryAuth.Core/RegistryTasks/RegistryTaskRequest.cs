namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>
/// One request a task cmdlet sends through the RegistryApi core: method, a path relative to the registry URL,
/// the body (form fields or a JSON document, encoded by the path's rule), and extra headers (If-Match).
/// </summary>
public sealed record RegistryTaskRequest(string Method, string Path, object? Body = null)
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>What the caller is asked to confirm: the operation in words, e.g. "disable server /weather".</summary>
    public string Action { get; init; } = "";
}
