using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Settings;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>Settings and requests for the gateway tests. Tokens here are test values only.</summary>
internal static class GatewayTestData
{
    public const string LegacyToken = "tK3v9QeLz8pW2xR7mN4bY6cH1dF5gJ0sA_-uV";
    public const string CiKey = "ci-bot-key-0123456789abcdefghijklmnopqrstuv";
    public const string OpsKey = "ops-key-ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210";

    public static StaticTokenConfig Config(GatewayRelease release = GatewayRelease.V130, params (string Name, string Value)[] values) =>
        StaticTokenConfig.FromSettings(Settings(values), release);

    public static StaticTokenConfig Config(params (string Name, string Value)[] values) => Config(GatewayRelease.V130, values);

    public static ServerSettings Settings(params (string Name, string Value)[] values) =>
        ServerSettings.From(explicitValues: values.ToDictionary(v => v.Name, v => v.Value));

    public static StaticTokenConfig EnabledLegacy(params (string Name, string Value)[] extra) =>
        Config([("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken), .. extra]);

    public static GatewayRequest Request(string? url, params (string Name, string Value)[] headers) =>
        new(url is null ? null : new Uri(url), headers.Select(h => new KeyValuePair<string, Secret>(h.Name, new Secret(h.Value))));

    public static GatewayRequest Bearer(string url, string token) => Request(url, ("Authorization", "Bearer " + token));

    public static Verdict Evaluate(StaticTokenConfig config, GatewayRequest request) => GatewayAuthPipeline.Evaluate(request, config);

    public static Check CheckNamed(Verdict verdict, string name) => verdict.Checks.Single(c => c.Name == name);
}
