using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Bench.Streams;
using Parley.Chat;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// Frozen readers (a suspended tab, a client that stopped reading) during a burst of long messages: they are
/// cut off within seconds, while every reader that reads gets everything and every sender its success answer.
/// </summary>
[Collection(LoadTests.Name)]
[Trait("Category", "Slow")]
public sealed class StalledReaderTests
{
    private static readonly string Padding = new('x', 3_990);

    [Fact]
    public async Task Two_hundred_stalled_readers_are_cut_off_within_seconds_of_a_burst_that_ten_readers_receive_whole()
    {
        const int Readers = 10;
        const int Stalled = 200;
        const int PerSender = 750;
        const int Senders = 4;
        var cancel = TestContext.Current.CancellationToken;

        // A budget the burst cannot fill (3,000 x 4 KB is 12 MB): the frozen readers must be caught by their
        // pending flush within seconds, and a reader that reads is never cut off for falling behind a burst
        // this fast for a moment while two cores run the server, the senders and all readers at once (one run
        // under CI cut nine of them off at 4 MiB). Small send buffers: a frozen reader's flush goes pending after a few KB
        // on any machine, not only where the burst outgrows the kernel's buffers (4 MB by default, more on some).
        await using var server = await ParleyServer.StartAsync(
            new Dictionary<string, string?> { ["Parley:Streams:QueueBytes"] = "33554432" }, smallSendBuffers: true);
        using var cutOff = new CutOffCounter(server);
        using var stalledCutOff = new ClosedStreamsCounter(server, "write_timeout");
        var tallies = Enumerable.Range(0, Readers).Select(_ => new BroadcastTally(Senders)).ToArray();
        var readers = tallies.Select(tally => new EventStreamSubscriber(tally, bufferSize: 16 * 1024)).ToArray(); // room for a whole 4 KB line
        var stalled = new List<StalledClient>();
        try
        {
            var target = await StreamTarget.ResolveAsync(server.BaseAddress, cancel);
            for (var i = 0; i < Readers; i++)
            {
                if (i % 2 == 1)
                {
                    readers[i].Cookie = await server.GuestCookieAsync($"r{i}");
                }

                await readers[i].OpenAsync(target, i % 2 == 0 ? $"/r{i}" : $"/api/events?nick=r{i}", null, cancel).WaitAsync(Timeouts.Default, cancel);
            }

            for (var i = 0; i < Stalled; i++)
            {
                stalled.Add(await StalledClient.OpenAsync(server.BaseAddress, i % 2 == 0 ? $"/stall{i}" : $"/api/events?nick=stall{i}"));
            }

            await WaitUntilOnlineAsync(server, Readers + Stalled);
            var refused = await Task.WhenAll(Enumerable.Range(0, Senders).Select(i => SendLongAsync(server, $"s{i}", PerSender, viaSeed: i % 2 == 1))).WaitAsync(Timeouts.UnderLoad, cancel);
            var burstEnded = Stopwatch.GetTimestamp();
            await Timeouts.WaitUntilAsync(() => cutOff.Total >= Stalled, $"all {Stalled} stalled readers are cut off (so far {cutOff})", TimeSpan.FromSeconds(15));
            var cutOffAfter = Stopwatch.GetElapsedTime(burstEnded);
            await Timeouts.WaitUntilAsync(
                () => tallies.All(tally => tally.Received == Senders * PerSender),
                $"every reader has every broadcast (so far {string.Join(", ", tallies.Select(tally => tally.Received))}; cut off: {cutOff}; readers open: {readers.Count(reader => reader.IsOpen)})",
                Timeouts.UnderLoad);

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"all stalled readers cut off {cutOffAfter.TotalSeconds:0.0} s after the burst; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB (server and test in one process)");
            Assert.Empty(refused.SelectMany(answers => answers));
            Assert.All(tallies, tally => Assert.Equal(0, tally.OutOfOrder));
            Assert.True(cutOff.Total == Stalled, $"Only the stalled readers should be cut off: {cutOff}");
            Assert.Equal(Stalled, stalledCutOff.Total); // by the stall timeout, not the budget
            Assert.All(readers, reader => Assert.True(reader.IsOpen));
        }
        finally
        {
            stalled.ForEach(client => client.Dispose());
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    [Fact]
    public async Task Sends_that_drop_many_streams_while_those_streams_end_are_all_accepted_and_every_dropped_stream_is_cut_off()
    {
        const int Stalled = 400;
        const int Senders = 8;
        const int PerSender = 100;
        var cancel = TestContext.Current.CancellationToken;

        // A small budget: sixteen long messages drop a stream, so the hub drops hundreds at once, while half of
        // those streams' clients hang up during the burst and their streams end beside the drops.
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Streams:QueueBytes"] = "65536" });
        using var closed = new CutOffCounter(server, "queue_full", "write_timeout", "client_disconnected");
        var stalled = new List<StalledClient>();
        try
        {
            for (var i = 0; i < Stalled; i++)
            {
                stalled.Add(await StalledClient.OpenAsync(server.BaseAddress, i % 2 == 0 ? $"/stall{i}" : $"/api/events?nick=stall{i}"));
            }

            await WaitUntilOnlineAsync(server, Stalled);
            var hangingUp = Task.Run(
                async () =>
                {
                    foreach (var client in stalled.Where((_, i) => i % 2 == 1))
                    {
                        client.Dispose();
                        await Task.Yield();
                    }
                },
                cancel);
            var refused = await Task.WhenAll(Enumerable.Range(0, Senders).Select(i => SendLongAsync(server, $"s{i}", PerSender, viaSeed: i % 2 == 1))).WaitAsync(Timeouts.UnderLoad, cancel);
            await hangingUp;

            Assert.Empty(refused.SelectMany(answers => answers));
            await Timeouts.WaitUntilAsync(() => closed.Total == Stalled, $"every stream has ended (so far {closed.Total})", TimeSpan.FromSeconds(10));
            Assert.Empty(server.Services.GetRequiredService<ChatHub>().OnlineUsers());
        }
        finally
        {
            stalled.ForEach(client => client.Dispose());
        }
    }

    private static async Task WaitUntilOnlineAsync(ParleyServer server, int count)
    {
        var hub = server.Services.GetRequiredService<ChatHub>();
        await Timeouts.WaitUntilAsync(() => hub.OnlineUsers().Count == count, $"{count} nicks are online");
    }

    /// <summary>Sends numbered long broadcasts over one keep-alive connection; returns every answer that was not a success.</summary>
    private static async Task<List<string>> SendLongAsync(ParleyServer server, string sender, int count, bool viaSeed)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var client = server.CreateClient();
        var refused = new List<string>();
        for (var number = 0; number < count; number++)
        {
            var text = $"{sender}:{number} {Padding}";
            using var response = viaSeed
                ? await client.GetAsync($"/msg/{sender}/all%20{Uri.EscapeDataString(text)}", cancel).WaitAsync(Timeouts.UnderLoad, cancel)
                : await client.PostAsJsonAsync("/api/messages", new { from = sender, to = "all", text }, cancel).WaitAsync(Timeouts.UnderLoad, cancel);
            if (!response.IsSuccessStatusCode)
            {
                refused.Add($"{sender}:{number} answered {(int)response.StatusCode}");
            }
        }

        return refused;
    }
}
