using System.Net.Http.Headers;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>
/// When a request is sent again and after how long: only an idempotent request (GET, HEAD, OPTIONS, PUT,
/// DELETE), only on 429, 502, 503 or 504, at most <see cref="MaximumRetryCount"/> times. The wait is the
/// server's Retry-After when it sends one (capped), else an exponential back-off with jitter (half to all of the step), so many
/// pipelines retrying at once do not arrive together.
/// </summary>
public sealed class RetryPolicy
{
    private static readonly HashSet<string> Idempotent = new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" };

    private readonly Func<double> random;

    public RetryPolicy(int maximumRetryCount, Func<double>? random = null)
    {
        MaximumRetryCount = maximumRetryCount;
        this.random = random ?? Random.Shared.NextDouble;
    }

    public int MaximumRetryCount { get; }

    /// <summary>First back-off step; doubled each attempt.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts, whatever Retry-After says.</summary>
    public TimeSpan MaximumDelay { get; init; } = TimeSpan.FromSeconds(60);

    public static bool IsRetryableStatus(int status) => status is 429 or 502 or 503 or 504;

    public static bool IsIdempotent(string method) => Idempotent.Contains(method);

    /// <summary>The wait before retry number <paramref name="attempt"/> (1 for the first retry), or null when the answer is final.</summary>
    public TimeSpan? DelayBefore(int attempt, string method, int status, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        if (attempt > MaximumRetryCount || !IsIdempotent(method) || !IsRetryableStatus(status)) return null;
        var fromServer = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        if (fromServer is { } asked)
        {
            // A little jitter on top of the server's floor, never less than what it asked for.
            var wait = (asked < TimeSpan.Zero ? TimeSpan.Zero : asked) + TimeSpan.FromMilliseconds(random() * 250);
            return wait > MaximumDelay ? MaximumDelay : wait;
        }

        var ceiling = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Min(MaximumDelay.TotalMilliseconds, ceiling * (0.5 + (random() * 0.5))));
    }
}
