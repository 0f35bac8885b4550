using System.Management.Automation;

namespace McpRegistryAuth.Loading;

/// <summary>
/// Hooks the resolver when PowerShell imports the module and removes it on Remove-Module. The
/// resolver and its context are kept for the process: a load context is not collectible, and a
/// re-import must reuse the same one so core types keep one identity.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly object Gate = new();
    private static DependencyResolver? resolver;
    private static bool registered;

    public void OnImport()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
            resolver ??= new DependencyResolver(Path.Combine(moduleDirectory, "Dependencies"));
            resolver.Register();
            registered = true;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            if (registered && resolver is not null)
            {
                resolver.Unregister();
                registered = false;
            }
        }
    }
}
