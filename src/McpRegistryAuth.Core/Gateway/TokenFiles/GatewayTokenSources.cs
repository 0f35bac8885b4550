using System.Globalization;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Python;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>
/// Finds the token each of the gateway's client tools would send, trying its sources in that tool's order
/// (gateway-client-tools.md, "Where each tool finds its token"):
/// <c>registry_management.py</c> reads its <c>--token-file</c>; <c>cli/mcp_utils.py</c> takes
/// <c>MCP_AUTH_TOKEN</c>, then <c>./.oauth-tokens/ingress.json</c>; the TypeScript CLI takes
/// <c>MCP_GATEWAY_TOKEN</c>, then <c>./.oauth-tokens/ingress.json</c>, then <c>~/.mcp/ingress_token</c>.
/// A file whose <c>expires_at</c> has passed is skipped, as the tools refuse an expired ingress token.
/// </summary>
public static class GatewayTokenSources
{
    public const string McpAuthToken = "MCP_AUTH_TOKEN";
    public const string McpGatewayToken = "MCP_GATEWAY_TOKEN";

    /// <summary>The sources a tool tries, in order: variable names, or file paths.</summary>
    public static IReadOnlyList<(bool IsVariable, string Name)> Order(GatewayTool tool, GatewayTokenEnvironment environment, string? tokenFile)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return tool switch
        {
            GatewayTool.RegistryManagement => tokenFile is null ? [] : [(false, tokenFile)],
            GatewayTool.McpUtils => [(true, McpAuthToken), (false, environment.IngressFile)],
            _ => [(true, McpGatewayToken), (false, environment.IngressFile), (false, environment.HomeIngressToken)],
        };
    }

    /// <exception cref="CommandFailureException">GatewayTokenNotFound: no source held a usable token (each one tried is named).</exception>
    /// <exception cref="FileContentException">A token file exists but holds no token.</exception>
    public static GatewayTokenLocation Locate(GatewayTool tool, GatewayTokenEnvironment environment, string? tokenFile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var checks = new List<Check>();
        foreach (var (isVariable, name) in Order(tool, environment, tokenFile))
        {
            var found = isVariable ? FromVariable(tool, environment, name, checks) : FromFile(tool, name, tokenFile is not null, now, checks);
            if (found is not null) return found with { Checks = checks };
        }

        var tried = checks.Count == 0 ? "no source (registry_management.py needs --token-file)" : string.Join("; ", checks.Select(c => c.Observed));
        throw new CommandFailureException("GatewayTokenNotFound", FailureCategory.ObjectNotFound,
            $"{Describe(tool)} would find no token: {tried}.", tool.ToString(),
            tool == GatewayTool.RegistryManagement
                ? "Pass -TokenFile (registry_management.py --token-file); without it the CLI runs get-m2m-token.sh, which this module does not run."
                : "Get a token and write it with Get-McpAccessToken ... | Export-McpGatewayTokenFile, or set " + (tool == GatewayTool.McpUtils ? McpAuthToken : McpGatewayToken) + ".");
    }

    public static string Describe(GatewayTool tool) => tool switch
    {
        GatewayTool.RegistryManagement => "api/registry_management.py",
        GatewayTool.McpUtils => "cli/mcp_utils.py",
        _ => "the TypeScript CLI (cli/src/auth.ts)",
    };

    private static GatewayTokenLocation? FromVariable(GatewayTool tool, GatewayTokenEnvironment environment, string name, List<Check> checks)
    {
        var value = environment.Variable(name);
        if (string.IsNullOrEmpty(value) || PythonText.Strip(value).Length == 0)
        {
            checks.Add(new Check(GatewayTokenFileCheckNames.Variable, false, $"{name} is {(value is null ? "not set" : "blank")}", $"{name} holds the token"));
            return null;
        }

        var token = new Secret(value);
        checks.Add(new Check(GatewayTokenFileCheckNames.Variable, true, $"{name} is set (token {token.Fingerprint})", $"{name} holds the token"));
        return new GatewayTokenLocation { Token = token, Tool = tool, Source = name, Checks = checks };
    }

    private static GatewayTokenLocation? FromFile(GatewayTool tool, string path, bool explicitFile, DateTimeOffset now, List<Check> checks)
    {
        if (!File.Exists(path))
        {
            checks.Add(new Check(GatewayTokenFileCheckNames.File, false, $"{path} does not exist", "a token file"));
            // The CLI's --token-file must exist; the other tools just move on.
            return explicitFile
                ? throw new FileContentException(path, "TokenFileNotFound", $"Token file not found: {path}")
                : null;
        }

        if (tool == GatewayTool.RegistryManagement)
        {
            var cli = GatewayCliTokenFile.Read(path);
            checks.AddRange(cli.Checks);
            return new GatewayTokenLocation { Token = cli.Token, Tool = tool, Source = path, Checks = checks };
        }

        var content = GatewayTokenFileContent.Read(path);
        checks.Add(new Check(GatewayTokenFileCheckNames.File, true, $"{path}: {content.Field} (token {content.Token.Fingerprint})", "a token file"));
        if (content.ExpiresAtProblem is { } problem)
        {
            checks.Add(new Check(GatewayTokenFileCheckNames.ExpiresAt, false, $"{path}: {problem}", "expires_at in the future", "Write the file again (Export-McpGatewayTokenFile -Force)."));
            return null;
        }

        if (content.ExpiresAt is { } expiresAt)
        {
            var left = expiresAt - now;
            var passed = left > TimeSpan.Zero;
            checks.Add(new Check(GatewayTokenFileCheckNames.ExpiresAt, passed,
                $"{path}: expires_at {expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC ({(passed ? "in " : "") + Duration(left) + (passed ? "" : " ago")})",
                "expires_at in the future",
                passed ? null : "Get a new token and write the file again (Export-McpGatewayTokenFile -Force), or run the gateway's credentials-provider/oauth/ingress_oauth.py."));
            if (!passed) return null;
        }

        return new GatewayTokenLocation { Token = content.Token, Tool = tool, Source = path, ExpiresAt = content.ExpiresAt, Provider = content.Provider, Checks = checks };
    }

    private static string Duration(TimeSpan span)
    {
        span = span.Duration();
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m" : span.TotalMinutes >= 1 ? $"{span.Minutes}m {span.Seconds}s" : $"{span.Seconds}s";
    }
}
