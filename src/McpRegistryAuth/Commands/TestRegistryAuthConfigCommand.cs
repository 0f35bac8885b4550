using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using McpRegistryAuth.Completion;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.ToolHive;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Lints the auth section of a ToolHive Registry Server configuration the way the server reads it,
/// reporting every problem at once (the server stops at the first).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "RegistryAuthConfig", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Finding), ParameterSetName = [PathSet])]
[OutputType(typeof(bool), ParameterSetName = [PathSet])]
public sealed class TestRegistryAuthConfigCommand : RegistryCmdlet
{
    private const string PathSet = "Path";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = PathSet)]
    public IDictionary? Environment { get; set; }

    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter UseProcessEnvironment { get; set; }

    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? FileRoot { get; set; }

    /// <summary>The value given to <c>thv-registry-api serve --auth-mode</c>, if any.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AuthModeCompleter))]
    public string? AuthMode { get; set; }

    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        // SecureString values in -Environment are read as their text, not as the type name.
        var environment = ToolHiveEnvironmentVariables.Collect(UseProcessEnvironment ? Dictionaries.ProcessEnvironment() : null, Dictionaries.ToStrings(Environment), Report);
        string? fileRoot = null;
        if (FileRoot is not null)
        {
            fileRoot = ResolvePath(FileRoot);
            if (!Directory.Exists(fileRoot))
            {
                ThrowTerminatingError(NewError(new DirectoryNotFoundException($"-FileRoot '{FileRoot}' is not a folder."), "FileRootNotFound", ErrorCategory.ObjectNotFound, FileRoot,
                    "Pass a folder that mirrors the container's file system (e.g. ./rootfs with etc/secrets/... inside)."));
            }
        }

        foreach (var input in Path)
        {
            foreach (var file in ResolveFiles(input))
            {
                RunOrWriteError(() => Test(file, environment, fileRoot));
            }
        }
    }

    private void Test(string file, IReadOnlyDictionary<string, string> environment, string? fileRoot)
    {
        WriteVerbose($"Reading {file} as the ToolHive Registry Server would (viper + mapstructure).");
        var report = ToolHiveConfigLoader.LoadFile(file, environment, fileRoot, AuthMode);
        // The findings are this command's output; Verbose narrates the reading and repeats them in reading order.
        foreach (var line in report.Narration.Concat(report.Findings.Select(f => f.ToString())))
        {
            WriteVerbose(line);
        }

        if (Quiet)
        {
            WriteObject(report.ServerWouldStart);
            return;
        }

        WriteObject(report.Findings, enumerateCollection: true);
    }

    // An iterator, so a folder among a wildcard's matches gets its error (and -Quiet its $false) in order.
    private IEnumerable<string> ResolveFiles(string input)
    {
        Collection<string> resolved;
        try
        {
            resolved = GetResolvedProviderPathFromPSPath(input, out _);
        }
        catch (ItemNotFoundException ex)
        {
            Refuse(NewError(ex, "RegistryAuthConfigNotFound", ErrorCategory.ObjectNotFound, input, "Check the path of the configuration file."));
            yield break;
        }

        if (resolved.Count == 0)
        {
            Refuse(NewError(new ItemNotFoundException($"No file matches '{input}'."), "RegistryAuthConfigNotFound", ErrorCategory.ObjectNotFound, input, "Check the path of the configuration file."));
        }

        foreach (var path in resolved)
        {
            if (Directory.Exists(path))
            {
                Refuse(NewError(new ArgumentException($"'{path}' is a folder; pass the configuration file."), "RegistryAuthConfigIsFolder", ErrorCategory.InvalidArgument, path));
                continue;
            }

            yield return path;
        }
    }

    // With -Quiet every input gets its answer in input order, as Test-Path gives one: a file that cannot be read is $false.
    private void Refuse(ErrorRecord error)
    {
        WriteError(error);
        if (Quiet)
        {
            WriteObject(false);
        }
    }
}
