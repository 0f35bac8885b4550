using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Completion;

/// <summary>
/// -Group, -Scope, -Server, -Method and -Tool from the scopes file given with -ScopesPath on the same line
/// (-Method and -Tool for the -Server given, if any); -Group also from the REGISTRY_API_KEYS entries of
/// the -EnvFile given. Offers nothing when neither is given or readable.
/// </summary>
internal sealed class ScopeNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return CompletionNames.Matching(Names(parameterName, fakeBoundParameters), wordToComplete).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or RuntimeException or Core.Files.FileContentException)
        {
            // Completion never complains: an unreadable file simply offers nothing.
            return [];
        }
    }

    private static IEnumerable<(string Name, string Description)> Names(string parameterName, IDictionary bound)
    {
        var envFile = parameterName == "Group" ? CompletionNames.BoundPath(bound, "EnvFile") : null;
        if (envFile is not null && File.Exists(envFile))
        {
            foreach (var group in RegistryApiKeyGroups.FromEnvFile(envFile))
            {
                yield return group;
            }
        }

        if (CompletionNames.BoundPath(bound, "ScopesPath") is not { } scopesPath || !(File.Exists(scopesPath) || Directory.Exists(scopesPath)))
        {
            yield break;
        }

        var definitions = ScopeDefinitionNames.Load(scopesPath);
        var server = CompletionNames.Bound(bound, "Server");
        var names = parameterName switch
        {
            "Group" => ScopeDefinitionNames.Groups(definitions),
            "Scope" => ScopeDefinitionNames.Scopes(definitions),
            "Server" => ScopeDefinitionNames.Servers(definitions),
            "Method" => ScopeDefinitionNames.Methods(definitions, server),
            "Tool" => ScopeDefinitionNames.Tools(definitions, server),
            _ => [],
        };
        foreach (var name in names)
        {
            yield return name;
        }
    }
}
