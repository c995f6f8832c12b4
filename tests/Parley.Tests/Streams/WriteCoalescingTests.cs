using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// The pause between two writes to one stream (<c>MinWriteInterval</c>, 20 ms by default), on a fake clock:
/// a stream written to moments ago holds new events until the pause is over and sends them together, and a
/// stream that has been quiet longer than the pause writes at once.
/// </summary>
public sealed class WriteCoalescingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    // Real time within which an event that is due arrives; the absence of one that is not due is checked as long.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_stream_quiet_for_longer_than_the_interval_gets_an_event_at_once()
    {
        var (server, time) = await StartAsync();
        await using var _ = server;
        using var client = server.CreateClient();
        await using var stream = await OpenPastPreambleAsync(client);
        time.Advance(Interval);

        await Send.ViaSeedAsync(client, "mary", "all", "hello");

        Assert.Equal("data: mary to all: hello", await stream.NextBlockAsync(Timeouts.Default));
    }

    [Fact]
    public async Task Events_within_the_interval_after_a_write_wait_for_its_end_and_then_all_arrive_in_order()
    {
        var (server, time) = await StartAsync();
        await using var _ = server;
        using var client = server.CreateClient();
        await using var stream = await OpenPastPreambleAsync(client);
        time.Advance(Interval);
        await Send.ViaSeedAsync(client, "mary", "all", "one");
        Assert.Equal("data: mary to all: one", await stream.NextBlockAsync(Timeouts.Default));

        await Send.ViaSeedAsync(client, "mary", "all", "two");
        await Send.ViaSeedAsync(client, "mary", "all", "three");
        var next = stream.NextBlockAsync(Timeouts.UnderLoad);
        time.Advance(Interval / 2);
        Assert.False(await CompletesWithinAsync(next, Settle), "an event arrived before the interval since the last write was over");

        time.Advance(Interval / 2);

        Assert.Equal("data: mary to all: two", await next.WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken));
        Assert.Equal("data: mary to all: three", await stream.NextBlockAsync(Timeouts.Default));
    }

    private static async Task<(ParleyServer, FakeTimeProvider)> StartAsync()
    {
        var time = new FakeTimeProvider();
        var server = await ParleyServer.StartAsync(
            new Dictionary<string, string?> { ["Parley:Streams:MinWriteInterval"] = "00:00:00.020" }, time);
        return (server, time);
    }

    private static async Task<SseReader> OpenPastPreambleAsync(HttpClient client)
    {
        var stream = await SseReader.OpenAsync(client, "/john");
        Assert.Equal(": parley\nretry: 3000", await stream.NextBlockAsync());
        Assert.Equal("data: Welcome john!", await stream.NextBlockAsync());
        Assert.Equal("data: now online: ", await stream.NextBlockAsync());
        return stream;
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan wait) =>
        await Task.WhenAny(task, Task.Delay(wait, TestContext.Current.CancellationToken)) == task;
}
