using McpRegistryAuth.Core.Requests;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Requests;

public class EvaluationInstantTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 30, 0, TimeSpan.Zero);

    [Fact]
    public void At_NotGivenMeansNow() => Assert.Equal(Now, EvaluationInstant.From(null, Now));

    [Fact]
    public void At_UtcIsTakenAsIs()
    {
        var at = EvaluationInstant.From(new DateTime(2026, 1, 2, 10, 0, 0, DateTimeKind.Utc), Now);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero), at);
        Assert.Equal(TimeSpan.Zero, at.Offset);
    }

    [Fact]
    public void At_UnspecifiedKindIsLocalTime()
    {
        var given = new DateTime(2026, 1, 2, 10, 0, 0, DateTimeKind.Unspecified);
        var expected = new DateTimeOffset(given, TimeZoneInfo.Local.GetUtcOffset(given)).ToUniversalTime();
        Assert.Equal(expected, EvaluationInstant.From(given, Now));
    }

    [Fact]
    public void At_LocalIsConvertedToUtc()
    {
        var given = new DateTime(2026, 7, 2, 10, 0, 0, DateTimeKind.Local);
        var at = EvaluationInstant.From(given, Now);
        Assert.Equal(given.ToUniversalTime(), at.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, at.Offset);
    }
}
