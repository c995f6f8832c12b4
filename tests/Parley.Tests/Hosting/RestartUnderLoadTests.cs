using System.Diagnostics;
using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Storage;

namespace Parley.Tests.Hosting;

/// <summary>
/// A zero-downtime restart as an operator does one: SIGTERM to a loaded node, a new process on the same port and data
/// folder, and every client back on its own after its retry: delay, resuming from its Last-Event-ID.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RestartUnderLoadTests
{
    private const int Clients = 200;
    private const int Senders = 4;

    // A short window for the test: clients come back 2-6 s after their stream ended.
    private static readonly TimeSpan Hint = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Jitter = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A_sigterm_under_load_loses_and_repeats_no_answered_send_and_clients_return_spread_over_the_jitter_window()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var folder = new TempDataFolder();
        var url = ParleyServer.FreeLoopbackUrl().GetLeftPart(UriPartial.Authority);
        string[] args = ["--urls", url, "--data-dir", folder.DataFolder, $"--Parley:Streams:RetryHint={Hint}", $"--Parley:Streams:RetryJitter={Jitter}"];
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var streams = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
        using var sends = new HttpClient { BaseAddress = new Uri(url), Timeout = Timeouts.Default };
        var answered = new List<string>();
        var clients = Enumerable.Range(0, Clients).Select(i => new ReturningClient(streams, $"c{i}", clock)).ToArray();

        var first = await ServerProcess.StartAsync(args);
        ServerProcess? second = null;
        try
        {
            var running = clients.Select(client => client.RunAsync(stop.Token)).ToArray();
            await Timeouts.WaitUntilAsync(() => clients.All(client => client.Connected), "every client is streaming", Timeouts.UnderLoad);
            var sending = Enumerable.Range(0, Senders).Select(k => SendUntilStoppedAsync(sends, $"s{k}", answered, stopSending.Token)).ToArray();
            await Timeouts.WaitUntilAsync(() => Count(answered) >= 40, "the senders are under way", Timeouts.UnderLoad);

            var terminated = clock.Elapsed;
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(Timeouts.Shutdown));
            var exited = clock.Elapsed - terminated;
            second = await ServerProcess.StartAsync(args);
            var listening = clock.Elapsed - terminated;
            await Timeouts.WaitUntilAsync(() => clients.All(client => client.Returned is not null), "every client is back", Timeouts.UnderLoad);
            var afterReturn = Count(answered);
            await Timeouts.WaitUntilAsync(() => Count(answered) >= afterReturn + 40, "sends go on after the restart", Timeouts.UnderLoad);
            await stopSending.CancelAsync();
            await Task.WhenAll(sending).WaitAsync(Timeouts.Default, cancel);

            string[] expected;
            lock (answered)
            {
                expected = [.. answered.Select(text => text.Split('-')[0] + " to all: " + text)];
            }

            await Timeouts.WaitUntilAsync(
                () => clients.All(client => expected.All(new HashSet<string>(client.Messages.Select(message => message.Text)).Contains)),
                "every client has every answered send",
                Timeouts.UnderLoad);
            await stop.CancelAsync();
            await Task.WhenAll(running).WaitAsync(Timeouts.Default, cancel);

            Assert.All(clients, client =>
            {
                var messages = client.Messages;
                Assert.Equal(messages.Count, messages.Select(message => message.Id).Distinct().Count()); // nothing twice
                Assert.Equal(messages.Count, messages.Select(message => message.Text).Distinct().Count());
                Assert.InRange(client.FarewellRetry ?? -1, (int)Hint.TotalMilliseconds, (int)(Hint + Jitter).TotalMilliseconds);
            });

            var retries = clients.Select(client => client.FarewellRetry!.Value).ToArray();
            Assert.True(retries.Max() - retries.Min() >= Jitter.TotalMilliseconds * 3 / 4, $"the retries span {retries.Min()}-{retries.Max()} ms only");

            // Back when they were told (or, those told to come before the new process listened, one delay later): spread
            // over seconds, never most of them within one.
            var returns = clients.Select(client => (client.Returned!.Value - terminated).TotalSeconds).ToArray();
            Assert.True(returns.Max() - returns.Min() >= Jitter.TotalSeconds / 2, $"the clients returned within {returns.Min():0.0}-{returns.Max():0.0} s of the SIGTERM");
            var perSecond = returns.GroupBy(seconds => (int)seconds).OrderBy(second => second.Key).Select(second => $"{second.Key}s: {second.Count()}");
            var busiestSecond = returns.GroupBy(seconds => (int)seconds).Max(second => second.Count());
            Assert.True(
                busiestSecond <= Clients / 2,
                $"{busiestSecond} of {Clients} clients returned within one second ({string.Join(", ", perSecond)}; the old process exited after {exited.TotalSeconds:0.0} s, the new one listened after {listening.TotalSeconds:0.0} s)");
        }
        finally
        {
            await stop.CancelAsync();
            first.Dispose();
            second?.Dispose();
        }
    }

    /// <summary>Sends to everyone as <paramref name="sender"/>, one after the other, keeping the texts answered 204.</summary>
    private static async Task SendUntilStoppedAsync(HttpClient client, string sender, List<string> answered, CancellationToken stop)
    {
        for (var seq = 0; !stop.IsCancellationRequested; seq++)
        {
            var text = $"{sender}-{seq}";
            try
            {
                using var response = await client.GetAsync(new Uri($"/msg/{sender}/all%20{text}", UriKind.Relative), CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    lock (answered)
                    {
                        answered.Add(text);
                    }
                }
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
            {
                // The node is stopping or not yet back: not answered, so not expected anywhere.
            }

            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static int Count(List<string> answered)
    {
        lock (answered)
        {
            return answered.Count;
        }
    }
}
