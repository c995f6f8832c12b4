using Microsoft.Extensions.Time.Testing;

namespace Parley.Tests.Seed;

/// <summary>A clock stopped at a known instant in a zone two hours east of UTC, so local and UTC stamps differ.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 5, 0, TimeSpan.Zero);

    /// <summary><see cref="Start"/> as the seed stamps a waiting message: server local time, <c>yyyy-MM-dd HH:mm</c>.</summary>
    public const string LocalStamp = "2026-11-25 14:05";

    /// <summary><see cref="Start"/> as the JSON protocol writes it.</summary>
    public const string UtcJson = "2026-11-25T12:05:00Z";

    public static FakeTimeProvider Create()
    {
        var time = new FakeTimeProvider(Start);
        time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("Test+02", TimeSpan.FromHours(2), "Test+02", "Test+02"));
        return time;
    }
}
