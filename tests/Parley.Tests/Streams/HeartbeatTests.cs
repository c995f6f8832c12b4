using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// Heartbeats on a fake clock. The server starts its quiet-time timer when its writer loop goes idle, which
/// the test cannot see, so the clock moves in one-second steps while a read waits: the clock's total advance
/// when the heartbeat shows is an upper bound of the quiet time the server measured, and must not be below
/// the interval.
/// </summary>
public sealed class HeartbeatTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    // Real time a step waits for the server to answer a timer that fired. A late answer only makes the
    // measured quiet time longer, which the lower bounds below tolerate.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("/john")]
    [InlineData("/api/events?nick=john")]
    public async Task A_quiet_stream_gets_a_heartbeat_comment_after_fifteen_seconds_and_not_before(string path)
    {
        var time = new FakeTimeProvider();
        await using var server = await ParleyServer.StartAsync(time: time);
        using var client = server.CreateClient();
        await using var stream = await OpenPastPreambleAsync(client, path);

        var (block, quiet) = await NextBlockAdvancingAsync(stream, time, limit: DefaultInterval * 2);

        Assert.Equal(":", block);
        AssertNotBefore(DefaultInterval, quiet);
    }

    [Fact]
    [Trait("Category", "Slow")] // two heartbeats of 15 clock steps, each given 100 ms of real time
    public async Task Heartbeats_repeat_while_the_stream_stays_quiet()
    {
        var time = new FakeTimeProvider();
        await using var server = await ParleyServer.StartAsync(time: time);
        using var client = server.CreateClient();
        await using var stream = await OpenPastPreambleAsync(client, "/john");
        Assert.Equal(":", (await NextBlockAdvancingAsync(stream, time, limit: DefaultInterval * 2)).Block);

        var (block, quiet) = await NextBlockAdvancingAsync(stream, time, limit: DefaultInterval * 2);

        Assert.Equal(":", block);
        AssertNotBefore(DefaultInterval, quiet);
    }

    [Fact]
    [Trait("Category", "Slow")] // 25 clock steps, each given 100 ms of real time
    public async Task An_event_starts_the_quiet_time_over()
    {
        var time = new FakeTimeProvider();
        await using var server = await ParleyServer.StartAsync(time: time);
        using var client = server.CreateClient();
        await using var stream = await OpenPastPreambleAsync(client, "/john");
        var next = stream.NextBlockAsync(Timeouts.UnderLoad);
        for (var advanced = TimeSpan.Zero; advanced < TimeSpan.FromSeconds(10); advanced += Step)
        {
            time.Advance(Step);
            if (await CompletesWithinAsync(next, Poll))
            {
                Assert.Fail($"Something arrived {advanced + Step} into the quiet: [{await next}]");
            }
        }

        await Send.ViaSeedAsync(client, "mary", "all", "hello");
        Assert.Equal("data: mary to all: hello", await next.WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken));

        // Without the restart the heartbeat would come 5 s after the message.
        var (block, quiet) = await NextBlockAdvancingAsync(stream, time, limit: DefaultInterval * 2);
        Assert.Equal(":", block);
        AssertNotBefore(DefaultInterval, quiet);
    }

    [Fact]
    public async Task The_heartbeat_interval_comes_from_configuration()
    {
        var time = new FakeTimeProvider();
        await using var server = await ParleyServer.StartAsync(
            new Dictionary<string, string?> { ["Parley:Streams:HeartbeatInterval"] = "00:00:05" }, time);
        using var client = server.CreateClient();
        await using var stream = await OpenPastPreambleAsync(client, "/api/events?nick=john");

        // Well short of the default 15 s, so a server that ignored the setting fails here.
        var (block, quiet) = await NextBlockAdvancingAsync(stream, time, limit: TimeSpan.FromSeconds(12));

        Assert.Equal(":", block);
        AssertNotBefore(TimeSpan.FromSeconds(5), quiet);
    }

    [Fact]
    public async Task Quiet_streams_hold_no_timer_of_their_own_and_each_still_gets_its_heartbeat()
    {
        var time = new LiveTimerCount();
        await using var server = await ParleyServer.StartAsync(time: time);
        using var client = server.CreateClient();
        var timersWithoutStreams = time.Live;
        var streams = new List<SseReader>();
        try
        {
            // One nick's streams: no stream hears another arrive, so the next block of each is its heartbeat.
            for (var i = 0; i < 10; i++)
            {
                streams.Add(await OpenPastPreambleAsync(client, "/john", online: i == 0 ? "" : "john"));
            }

            Assert.Equal(timersWithoutStreams, time.Live);
            var (first, quiet) = await NextBlockAdvancingAsync(streams[0], time.Clock, limit: DefaultInterval * 2);
            Assert.Equal(":", first);
            AssertNotBefore(DefaultInterval, quiet);
            foreach (var stream in streams.Skip(1))
            {
                Assert.Equal(":", await stream.NextBlockAsync(Timeouts.Default));
            }

            Assert.Equal(timersWithoutStreams, time.Live);
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>Opens the stream and reads its opening block, welcome and online list, which come at once.</summary>
    private static async Task<SseReader> OpenPastPreambleAsync(HttpClient client, string path, string online = "")
    {
        var stream = await SseReader.OpenAsync(client, path);
        Assert.Equal(": parley\nretry: 3000", await stream.NextBlockAsync());
        Assert.Equal("Welcome john!", SeedWords.Of(await stream.NextEventAsync(), "john"));
        Assert.Equal($"now online: {online}", SeedWords.Of(await stream.NextEventAsync(), "john"));
        return stream;
    }

    /// <summary>Advances the clock a step at a time until the next block arrives; returns it with the total advance.</summary>
    private static async Task<(string? Block, TimeSpan Advanced)> NextBlockAdvancingAsync(SseReader stream, FakeTimeProvider time, TimeSpan limit)
    {
        // One read stays pending throughout: cancelling a read would close the connection.
        var next = stream.NextBlockAsync(Timeouts.UnderLoad);
        var advanced = TimeSpan.Zero;
        while (!await CompletesWithinAsync(next, Poll))
        {
            Assert.True(advanced < limit, $"Nothing arrived within {limit} of quiet.");
            time.Advance(Step);
            advanced += Step;
        }

        return (await next, advanced);
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan wait)
    {
        var cancel = TestContext.Current.CancellationToken;
        return await Task.WhenAny(task, Task.Delay(wait, cancel)) == task;
    }

    private static void AssertNotBefore(TimeSpan interval, TimeSpan quiet) =>
        Assert.True(quiet >= interval, $"A heartbeat came after {quiet} of quiet, before the interval of {interval}.");
}
