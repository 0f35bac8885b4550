using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// Writes servers into one client's file: reads it (a file the client could not read is reported and
/// left untouched), merges each entry by splicing (everything else kept byte for byte), shows the change
/// as a diff to <c>confirm</c> (-WhatIf / -Confirm), then under the file's lock checks nobody changed it
/// meanwhile, keeps the old version as &lt;file&gt;.bak and replaces the file atomically.
/// </summary>
public static class ClientConfigExport
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <param name="request">What to write.</param>
    /// <param name="report">Narration.</param>
    /// <param name="confirm">Asked with the path and the diff before anything is written; false writes nothing.</param>
    /// <param name="cancellation">Ends a wait for the file's lock.</param>
    public static ClientConfigResult Run(ClientConfigRequest request, IReportWriter report, Func<string, string, bool> confirm, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(confirm);
        var writer = ClientConfigWriter.For(request.Client);
        ConfigScope? scope = request.Path is null ? writer.ScopeFor(request.Scope) : request.Scope;
        var shapeScope = scope ?? (writer.Scopes.Contains(ConfigScope.User) ? ConfigScope.User : writer.Scopes[0]);
        if (request.Path is null && scope is { } s && !writer.Scopes.Contains(s)) writer.ScopeFor(s);
        var path = System.IO.Path.GetFullPath(request.Path ?? writer.PathFor(shapeScope, request.Context));
        var serversPath = writer.ServersPath(shapeScope, request.Context);
        report.Verbose($"{request.Client}: {(request.Path is null ? $"{shapeScope} scope, " : "")}file '{path}', servers under \"{string.Join("\".\"", serversPath)}\".");

        var before = Read(path, writer);
        var text = before.Text;
        var written = new List<string>();
        var skipped = new List<string>();
        var sources = new HashSet<string>();
        var holdsToken = false;
        foreach (var server in request.Servers)
        {
            var credential = server.HeaderName is { } header ? request.Credential with { HeaderName = header } : request.Credential;
            var entry = writer.Entry(server, credential, path);
            sources.Add(entry.TokenSource);
            var existing = JsonTextEditor.FindMember(text, writer.Jsonc, serversPath, entry.Name);
            if (existing is not null && JsonNode.DeepEquals(JsonNode.Parse(existing, documentOptions: Lenient), entry.Value))
            {
                report.Verbose($"{request.Client}: the entry '{entry.Name}' is already as it would be written.");
                written.Add(entry.Name);
                holdsToken |= entry.HoldsToken;
                continue;
            }

            if (existing is not null && !request.Force)
            {
                skipped.Add(entry.Name);
                continue;
            }

            text = JsonTextEditor.SetMember(text, writer.Jsonc, serversPath, entry.Name, entry.Value, out var replaced);
            report.Verbose($"{request.Client}: {(replaced ? "replaces" : "adds")} the entry '{entry.Name}' ({server.Url.AbsoluteUri}); the token: {entry.TokenSource}.");
            written.Add(entry.Name);
            holdsToken |= entry.HoldsToken;
        }

        if (written.Count > 0) text = writer.AfterEntries(text, request.Credential);
        if (before.Bytes is null && !text.EndsWith('\n')) text += "\n";
        var redact = request.Credential.Token is { } token ? (Func<string, string>)(t => t.Replace(token.Reveal(), token.ToString(), StringComparison.Ordinal)) : t => t;
        var changed = before.Bytes is null || text != before.Text;
        var diff = changed ? redact(LineDiff.Unified(before.Text, text, path)) : "";
        var sideFiles = written.Count > 0 ? writer.SideFiles(path, request.Credential) : new Dictionary<string, string>();
        var result = new ClientConfigResult
        {
            Client = request.Client,
            Scope = scope,
            Path = path,
            Action = changed ? (before.Bytes is null ? "Created" : "Updated") : "Unchanged",
            Servers = written,
            Skipped = skipped,
            TokenSource = string.Join("; ", sources),
            HoldsToken = holdsToken,
            Diff = diff,
            SideFiles = sideFiles.Keys.ToList(),
        };
        if (!changed && sideFiles.All(f => File.Exists(f.Key) && File.ReadAllText(f.Key) == f.Value)) return result;
        if (!confirm(path, diff.Length > 0 ? diff : "(the configuration is unchanged; files beside it are written)")) return result with { Action = "WhatIf" };

        var backup = changed ? Write(path, before, text, holdsToken, report, cancellation) : null;
        foreach (var (sidePath, content) in sideFiles)
        {
            AtomicFileWriter.WriteAllText(sidePath, content);
            report.Verbose($"{request.Client}: wrote '{sidePath}'.");
        }

        return result with { BackupPath = backup };
    }

    private sealed record Before(string Text, byte[]? Bytes);

    private static Before Read(string path, ClientConfigWriter writer)
    {
        var status = FileStatus.Of(path);
        if (!status.Exists) return new Before("", null);
        if (status.Kind != FileKind.Regular)
        {
            throw new CommandFailureException("ClientConfigNotAFile", FailureCategory.InvalidArgument,
                $"'{path}' is {FileStatus.Describe(status.Kind)}, not a file.", path, "Pass -Path with a file.");
        }

        var bytes = File.ReadAllBytes(path);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
            JsonTextEditor.ParseRoot(text, writer.Jsonc);
        }
        catch (Exception e) when (e is JsonTextException or DecoderFallbackException)
        {
            var what = writer.Jsonc ? "JSON with comments" : "JSON";
            throw new CommandFailureException("ClientConfigUnreadable", FailureCategory.InvalidData,
                $"'{path}' is not the {what} {writer.Client} reads ({(e is JsonTextException j ? j.Message : "not UTF-8")}); it was left untouched.", path,
                "Fix the file at that place (or move it away) and run again; a file that cannot be read is never rewritten.", e);
        }

        return new Before(text, bytes);
    }

    private static string? Write(string path, Before before, string text, bool holdsToken, IReportWriter report, CancellationToken cancellation)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var fileLock = FileLock.Acquire(path, FileLock.DefaultTimeout, cancellation);
        var now = FileStatus.Of(path);
        var nowBytes = now.Exists ? File.ReadAllBytes(path) : null;
        if (!(nowBytes is null ? before.Bytes is null : before.Bytes is not null && nowBytes.AsSpan().SequenceEqual(before.Bytes)))
        {
            throw new CommandFailureException("ClientConfigChanged", FailureCategory.ResourceBusy,
                $"'{path}' changed while the new version was being prepared; nothing was written.", path, "Run the command again.");
        }

        string? backup = null;
        if (before.Bytes is not null)
        {
            backup = path + ".bak";
            // The old version may hold a token: the backup is written like a secret file (0600).
            AtomicFileWriter.WriteAllBytes(backup, before.Bytes);
            report.Verbose($"The previous version is kept in '{backup}'.");
        }

        var staged = AtomicFileWriter.Stage(path, Encoding.UTF8.GetBytes(text), now);
        try
        {
            if (!holdsToken && now.Exists && !OperatingSystem.IsWindows())
            {
                // No secret in it: the file keeps the mode it had.
                File.SetUnixFileMode(staged.TempPath, now.Mode);
            }
            else
            {
                foreach (var note in staged.Notes) report.Verbose(note);
            }

            fileLock.EnsureHeld();
            staged.Commit(exclusive: !now.Exists);
        }
        catch
        {
            staged.Discard();
            throw;
        }

        report.Verbose($"Wrote '{path}'{(holdsToken ? " (mode 0600: it holds a token)" : "")}.");
        return backup;
    }
}
