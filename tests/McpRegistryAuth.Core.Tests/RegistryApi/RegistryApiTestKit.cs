using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.RegistryApi;

namespace McpRegistryAuth.Core.Tests.RegistryApi;

/// <summary>Opens invokers against a loopback registry; back-off waits are recorded instead of slept.</summary>
internal sealed class RegistryApiTestKit
{
    public OperationLog Log { get; } = new();

    public List<TimeSpan> Waits { get; } = [];

    public RegistryApiInvoker Open(RegistryApiCall call) => RegistryApiInvoker.Open(call, Log, delay: (wait, _) =>
    {
        Waits.Add(wait);
        return Task.CompletedTask;
    });

    public List<string> Lines()
    {
        var lines = new List<string>();
        Log.Drain(lines.Add, lines.Add, l => lines.Add("WARNING " + l));
        return lines;
    }

    /// <summary>An unsigned-looking JWT (a signature segment that is not checked here) with these claims.</summary>
    public static Secret Jwt(object claims) =>
        new($"{B64("""{"alg":"RS256","typ":"JWT","kid":"k1"}""")}.{B64(JsonSerializer.Serialize(claims))}.c2lnbmF0dXJl");

    public static long Epoch(DateTimeOffset at) => at.ToUnixTimeSeconds();

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
