using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// After a wave of streams opened or closed, one full compacting collection gives back what it left; it is logged as
/// event 5 with the number of changes. The check runs every 5 s of the server's clock.
/// </summary>
public sealed class WaveCompactionTests
{
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_wave_of_streams_is_followed_by_one_compaction_once_it_has_passed()
    {
        var time = new FakeTimeProvider();
        await using var server = await ParleyServer.StartAsync(Settings(wave: 10), time);
        using var client = server.CreateClient();
        var streams = await OpenAsync(client, 12);
        try
        {
            await AdvanceAsync(time); // the wave is still coming: 12 changes, all since the last check
            Assert.Empty(server.LogEntriesOf(5));

            await AdvanceAsync(time); // nothing new since: it has passed
            var compacted = await WaitForCompactionAsync(server);

            Assert.Equal(12L, compacted["Changes"]);
            Assert.Equal(12, compacted["Open"]);
            await AdvanceAsync(time);
            Assert.Single(server.LogEntriesOf(5));
        }
        finally
        {
            await DisposeAllAsync(streams);
        }
    }

    [Fact]
    public async Task Fewer_changes_than_the_setting_bring_no_compaction()
    {
        var time = new FakeTimeProvider();
        await using var server = await ParleyServer.StartAsync(Settings(wave: 20), time);
        using var client = server.CreateClient();
        var streams = await OpenAsync(client, 12);
        try
        {
            await AdvanceAsync(time);
            await AdvanceAsync(time);
            await AdvanceAsync(time);

            Assert.Empty(server.LogEntriesOf(5));
        }
        finally
        {
            await DisposeAllAsync(streams);
        }
    }

    private static Dictionary<string, string?> Settings(int wave) => new() { ["Parley:Streams:CompactAfterWave"] = $"{wave}" };

    private static async Task<List<SseReader>> OpenAsync(HttpClient client, int count)
    {
        var streams = new List<SseReader>();
        for (var i = 0; i < count; i++)
        {
            var stream = await SseReader.OpenAsync(client, $"/wave{i}");
            await stream.NextBlockAsync(); // opened: registered with the hub
            streams.Add(stream);
        }

        return streams;
    }

    private static async Task AdvanceAsync(FakeTimeProvider time)
    {
        time.Advance(Check);
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken); // the check runs on the pool
    }

    private static async Task<LogEntry> WaitForCompactionAsync(ParleyServer server)
    {
        await Timeouts.WaitUntilAsync(() => server.LogEntriesOf(5).Count > 0, "the compaction was logged");
        return server.LogEntriesOf(5)[0];
    }

    private static async Task DisposeAllAsync(List<SseReader> streams)
    {
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }
    }
}
