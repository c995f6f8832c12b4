using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Streams;

namespace Parley.Tests.Protection;

/// <summary>
/// Issue 10's flood with the shipped limits: one client sends 4,000-character broadcasts as fast as it can while a
/// polite client sends one every 200 ms, to 100 listeners. Without the send limits this cut off 94 of the 100.
/// </summary>
[Collection(LoadTests.Name)]
[Trait("Category", "Slow")]
public sealed class FloodTests
{
    private const int Listeners = 100;
    private const int FlooderConnections = 8;
    private static readonly TimeSpan PoliteInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FloodLength = TimeSpan.FromSeconds(4);
    private static readonly string FloodText = new('x', 4_000);

    [Fact]
    public async Task A_flooding_sender_costs_no_listener_a_message_or_its_stream_and_the_polite_senders_latency_stays_normal()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);
        using var cutOff = new CutOffCounter(server);
        using var listenerClient = server.CreateClient();
        using var politeClient = LoopbackClient.Create(server.BaseAddress, "127.0.0.6");
        using var flooderClient = LoopbackClient.Create(server.BaseAddress, "127.0.0.5");
        var listeners = new List<Listener>();
        try
        {
            for (var i = 0; i < Listeners; i++)
            {
                listeners.Add(new Listener(await ApiClient.LoginAsync(listenerClient, $"l{i:000}")));
            }

            await SendPolitelyAsync(politeClient, listeners[0], count: 1, "warm-up"); // its connection and first-call costs are no baseline
            var baseline = await SendPolitelyAsync(politeClient, listeners[0], count: 10, "before");

            using var floodEnds = new CancellationTokenSource(FloodLength);
            var floodStarted = Stopwatch.GetTimestamp();
            var flooding = Enumerable.Range(0, FlooderConnections).Select(_ => FloodAsync(flooderClient, floodEnds.Token)).ToArray();
            var duringFlood = await SendPolitelyAsync(politeClient, listeners[0], count: (int)(FloodLength / PoliteInterval), "during");
            var flood = await Task.WhenAll(flooding).WaitAsync(Timeouts.UnderLoad, cancel);
            var floodTook = Stopwatch.GetElapsedTime(floodStarted);

            var expected = baseline.Ids.Concat(duringFlood.Ids).Concat(flood.SelectMany(f => f.Accepted)).ToHashSet();
            await Timeouts.WaitUntilAsync(() => listeners.All(l => l.Ended || expected.IsSubsetOf(l.Ids.Keys)), "every listener has every accepted message", Timeouts.UnderLoad);

            var report = $"polite latency before the flood {baseline}, during it {duringFlood}; flood: {flood.Sum(f => f.Accepted.Count)} accepted, " +
                $"{flood.Sum(f => f.Refused)} refused with 429; cut off: {cutOff}";
            TestContext.Current.TestOutputHelper?.WriteLine(report);
            Assert.True(cutOff.Total == 0 && listeners.All(l => !l.Ended), report);
            Assert.All(listeners, l => Assert.Superset(expected, l.Ids.Keys.ToHashSet()));
            Assert.True(flood.Sum(f => f.Refused) > 0, report);
            Assert.True(flood.All(f => f.RetryAfterMissing == 0), report);

            // The buckets let through the byte burst and then the byte rate for as long as the flood ran (refills come
            // a second apart): 40,000 + 10,000 a second of 4,000-byte texts.
            var allowed = (40_000 + (10_000 * (int)Math.Ceiling(floodTook.TotalSeconds))) / FloodText.Length;
            Assert.True(flood.Sum(f => f.Accepted.Count) <= allowed, $"more than {allowed} flood messages accepted; {report}");

            // Against the same sender's median latency just before, on the same machine: at most double, plus 25 ms.
            // Measured with the limits: medians of 6 to 13 ms before and 19 to 47 ms during (the flooder and its 429s
            // share the 2 cores). The slowest send is reported, not asserted: with the limits on, one scheduling hiccup
            // while other test processes ran reached 875 ms. With the limits raised, the in-process flood (40 sends a
            // second, not issue 10's 8,700, so no listener was cut off) failed on the 429s, on the flood messages
            // accepted (56 and 153), and once on the median (14 ms to 118 ms).
            // Under CI the suite runs other classes beside this one, and a loaded run measured 8 ms before and 93 ms
            // during with the limits on: the bound allows 150 ms over double (still instant for a chat line) and fails
            // when the flood queues the polite sender behind it for good.
            Assert.True(duringFlood.Median <= 2 * baseline.Median + TimeSpan.FromMilliseconds(150), report);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                await listener.DisposeAsync();
            }
        }
    }

    /// <summary>Sends <paramref name="count"/> broadcasts, one per interval, each timed from its request to its arrival at <paramref name="observer"/>.</summary>
    private static async Task<Latencies> SendPolitelyAsync(HttpClient client, Listener observer, int count, string phase)
    {
        var ids = new List<long>();
        var latencies = new List<TimeSpan>();
        using var timer = new PeriodicTimer(PoliteInterval);
        for (var i = 0; i < count; i++)
        {
            await timer.WaitForNextTickAsync(TestContext.Current.CancellationToken);
            var started = Stopwatch.GetTimestamp();
            var id = await ApiClient.SendAsync(client, "polite", "all", $"{phase} {i}");
            await Timeouts.WaitUntilAsync(() => observer.Ids.ContainsKey(id), $"polite message {id} arrives", Timeouts.UnderLoad);
            ids.Add(id);
            latencies.Add(Stopwatch.GetElapsedTime(started, observer.Ids[id]));
        }

        return new Latencies(ids, latencies);
    }

    private static async Task<FloodResult> FloodAsync(HttpClient client, CancellationToken until)
    {
        var result = new FloodResult();
        while (!until.IsCancellationRequested)
        {
            using var response = await ApiClient.PostAsync(client, "flood", "all", FloodText);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                result.Accepted.Add(ApiClient.IdOfAccepted(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                result.Refused++;
                result.RetryAfterMissing += response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1) ? 0 : 1;
            }
        }

        return result;
    }

    private sealed class FloodResult
    {
        public List<long> Accepted { get; } = [];

        public int Refused { get; set; }

        public int RetryAfterMissing { get; set; }
    }

    private sealed record Latencies(IReadOnlyList<long> Ids, IReadOnlyList<TimeSpan> Each)
    {
        public TimeSpan Slowest => Each.Max();

        public TimeSpan Median => Each.Order().ElementAt(Each.Count / 2);

        public override string ToString() => $"median {Median.TotalMilliseconds:0.0} ms, slowest {Slowest.TotalMilliseconds:0.0} ms";
    }

    /// <summary>One listener's JSON stream, read from the start: the ids of the messages it received, with when (a Stopwatch timestamp).</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly SseReader _stream;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _reading;

        public Listener(SseReader stream)
        {
            _stream = stream;
            _reading = Task.Run(ReadAsync);
        }

        public ConcurrentDictionary<long, long> Ids { get; } = new();

        /// <summary>The server ended the stream.</summary>
        public bool Ended { get; private set; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _stream.DisposeAsync();
            await _reading.WaitAsync(Timeouts.Default).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _stop.Dispose();
        }

        private async Task ReadAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                string? block;
                try
                {
                    block = await _stream.NextBlockAsync(Timeouts.UnderLoad);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (IOException)
                {
                    Ended = true; // cut off: the connection was aborted
                    return;
                }

                if (block is null)
                {
                    Ended = true;
                    return;
                }

                if (SseReader.FieldOf(block, "event") == "message")
                {
                    var received = Stopwatch.GetTimestamp();
                    using var json = JsonDocument.Parse(SseReader.DataOf(block));
                    Ids.TryAdd(json.RootElement.GetProperty("id").GetInt64(), received);
                }
            }
        }
    }
}
