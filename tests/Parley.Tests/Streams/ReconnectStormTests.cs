using System.Diagnostics;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// Issue 8, part 2: a server restarting under a few thousand open pages gets them all back at once, and every
/// one of them hears every other one's <c>has joined.</c>. Those presence lines must not cut off a stream
/// that reads, nor must the <c>has left.</c> lines when half of them close together.
/// </summary>
[Collection(LoadTests.Name)]
[Trait("Category", "Slow")]
public sealed class ReconnectStormTests
{
    private const int Streams = 4_000;

    // As the issue measured it: 4,000 streams at 2,000 connects in flight cut all but a few dozen off for a
    // full queue, while 3,000 at 1,000 in flight survived.
    private const int ConnectsInFlight = 2_000;

    // No stream has received a byte for this long: the storm has settled, whether or not everyone heard
    // everyone. Far longer than a GC pause on two busy cores, shorter than the 15 s heartbeat.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(5);

    private static readonly int[] Everyone = [.. Enumerable.Range(0, Streams)];

    [Fact]
    public async Task A_storm_of_4000_seed_streams_connecting_at_once_cuts_none_off_and_each_hears_every_join()
    {
        // Declared before the server, so closed after it has stopped and ended every stream as a shutdown: closed
        // first, 4,000 departures would go to 4,000 closing streams while the next test's storm runs beside them.
        using var storm = new SeedStreamStorm(Streams);
        await using var server = await ParleyServer.StartAsync();
        using var queueFull = new ClosedStreamsCounter(server, "queue_full");
        using var writeTimeout = new ClosedStreamsCounter(server, "write_timeout");

        await RunStormAsync(server, storm);

        AssertNoneCutOff(storm, Everyone, queueFull, writeTimeout);
        AssertHeard(storm, Everyone, leaves: []);
    }

    [Fact]
    public async Task A_mass_disconnect_of_2000_streams_cuts_none_of_the_rest_off_and_each_hears_every_leave()
    {
        // Declared before the server, so closed after it has stopped and ended every stream as a shutdown: closed
        // first, 4,000 departures would go to 4,000 closing streams while the next test's storm runs beside them.
        using var storm = new SeedStreamStorm(Streams);
        await using var server = await ParleyServer.StartAsync();
        using var queueFull = new ClosedStreamsCounter(server, "queue_full");
        using var writeTimeout = new ClosedStreamsCounter(server, "write_timeout");
        await RunStormAsync(server, storm);
        AssertNoneCutOff(storm, Everyone, queueFull, writeTimeout);

        // Every other stream, so the leaving nicks are spread over the whole order in which they came online.
        var leaving = Everyone.Where(i => i % 2 == 0).ToArray();
        var staying = Everyone.Where(i => i % 2 == 1).ToArray();
        var started = Stopwatch.GetTimestamp();
        await storm.CloseAsync(leaving);
        var settled = await storm.WaitAsync(() => staying.All(i => storm.Presence[i].Left >= leaving.Length), Stall, Timeouts.UnderLoad);
        Report($"{leaving.Length:N0} of them closing at once", settled, Stopwatch.GetElapsedTime(started));

        AssertNoneCutOff(storm, staying, queueFull, writeTimeout);
        AssertHeard(storm, staying, leaves: leaving);
    }

    private static async Task RunStormAsync(ParleyServer server, SeedStreamStorm storm)
    {
        var started = Stopwatch.GetTimestamp();
        await storm.OpenAsync(server, ConnectsInFlight, Timeouts.UnderLoad);
        var settled = await storm.WaitAsync(() => storm.Presence.All(p => p.Heard >= Streams - 1), Stall, Timeouts.UnderLoad);
        Report($"{Streams:N0} seed streams, {ConnectsInFlight:N0} connects in flight", settled, Stopwatch.GetElapsedTime(started));
    }

    // The server runs in this process, so the working set is the server's and the test's 4,000 clients together.
    private static void Report(string what, bool settled, TimeSpan took)
    {
        using var process = Process.GetCurrentProcess();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{what}: {(settled ? "everyone heard" : $"settled short, no byte for {Stall.TotalSeconds} s, at")} {took.TotalSeconds:F1} s; " +
            $"working set {Environment.WorkingSet / 1_048_576:N0} MiB, peak {process.PeakWorkingSet64 / 1_048_576:N0} MiB (server and clients)");
    }

    private static void AssertNoneCutOff(SeedStreamStorm storm, int[] streams, ClosedStreamsCounter queueFull, ClosedStreamsCounter writeTimeout)
    {
        var notOpen = streams.Count(i => !storm.Subscribers[i].IsOpen);
        var everyoneHeard = streams.Count(i => storm.Presence[i].Heard == Streams - 1);
        Assert.True(
            queueFull.Total == 0 && writeTimeout.Total == 0 && notOpen == 0,
            $"{queueFull.Total:N0} streams were cut off for a full queue and {writeTimeout.Total:N0} for a write timeout; " +
            $"{notOpen:N0} of {streams.Length:N0} are no longer open ({storm.FailedToOpen:N0} of them never opened, " +
            $"first: {storm.FirstOpenError ?? "none"}), {everyoneHeard:N0} heard all {Streams - 1:N0} others.");
    }

    /// <summary>Each stream heard every other nick online once, and exactly <paramref name="leaves"/> leave, each once.</summary>
    /// <remarks>While the streams are still open: closing them would announce their own departures to each other.</remarks>
    private static void AssertHeard(SeedStreamStorm storm, int[] streams, int[] leaves)
    {
        const int joins = Streams - 1;
        var wrong = streams.Select(i => storm.Presence[i])
            .Where(p => !p.Welcomed || p.Unexpected != 0 || p.Heard != joins || p.Left != leaves.Length || !leaves.All(p.HasLeft)
                || storm.Subscribers[p.Self].LongLinesSkipped != 0)
            .ToArray();
        var first = wrong.FirstOrDefault();
        Assert.True(
            first is null,
            $"{wrong.Length:N0} of {streams.Length:N0} streams heard the wrong presence lines; u{first?.Self}: welcomed {first?.Welcomed}, " +
            $"{first?.Heard:N0} of {joins:N0} others online, {first?.Left:N0} of {leaves.Length:N0} leaves, " +
            $"{first?.Unexpected:N0} unexpected lines (first: {first?.FirstUnexpected ?? "none"}).");
    }
}
