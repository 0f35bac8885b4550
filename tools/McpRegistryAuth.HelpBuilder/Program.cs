using McpRegistryAuth.HelpBuilder;

// Usage: McpRegistryAuth.HelpBuilder <docs directory> <output en-US directory>
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: McpRegistryAuth.HelpBuilder <docs directory> <output directory>");
    return 2;
}

try
{
    var files = HelpGenerator.Generate(args[0]);
    HelpGenerator.WriteTo(files, args[1]);
    Console.WriteLine($"Help: {files.Count} file(s) in {args[1]}");
    return 0;
}
catch (HelpSourceException e)
{
    // MSBuild's canonical error format, so the build shows file and line.
    Console.Error.WriteLine($"{Path.Combine(args[0], e.File)}({e.Line}): error MRAHELP: {e.Reason}");
    return 1;
}
catch (IOException e)
{
    Console.Error.WriteLine($"error MRAHELP: {e.Message}");
    return 1;
}
