using System.Collections.Concurrent;
using System.Globalization;
using Parley.Tests.Api;
using Parley.Tests.Hosting;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Durability;

/// <summary>
/// The server as a child process, killed with <c>kill -9</c> while senders and a stream are busy: every send it
/// acknowledged is there after a restart, once and in order, and no id a client saw is given to another message.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CrashTests
{
    private const int Senders = 8;

    [Fact]
    public async Task Every_acknowledged_send_survives_kill_9_once_in_order_and_the_stream_resumes_without_a_gap()
    {
        using var data = new DataFolder();
        var acknowledged = new ConcurrentBag<string>();
        var seenBefore = new List<(long Id, string Text)>();

        using (var server = await ServerProcess.StartAsync("--urls", data.Url.GetLeftPart(UriPartial.Authority), "--data-dir", data.Path))
        {
            using var client = Client(server);
            await using var watcher = await ApiClient.LoginAsync(client, "watcher");
            using var crashed = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders).Select(s => SendUntilRefusedAsync(client, s, acknowledged, crashed.Token)).ToArray();

            // The crash comes while the stream is reading and the senders are sending.
            while (seenBefore.Count < 300)
            {
                var block = await watcher.NextEventAsync(Timeouts.UnderLoad);
                seenBefore.Add((ApiClient.IdOf(block), TextOf(block)));
            }

            await server.CrashAsync();
            await crashed.CancelAsync();
            await Task.WhenAll(senders);
        }

        // At the same address: the watcher's browser comes back with its session cookie, which the keys in the data
        // folder still open (a new guest session could not take 'watcher', which its old session still holds).
        using var restarted = await ServerProcess.StartAsync("--urls", data.Url.GetLeftPart(UriPartial.Authority), "--data-dir", data.Path);
        using var again = Client(restarted);
        var lastSeen = seenBefore[^1].Id;
        await using var resumed = await SseReader.OpenAsync(again, $"/api/events?nick=watcher&lastEventId={lastSeen.ToString(CultureInfo.InvariantCulture)}");
        await resumed.NextEventAsync(); // welcome
        await resumed.NextEventAsync(); // online
        var marker = await ApiClient.SendAsync(again, "marker", "all", "after the crash");
        var seenAfter = new List<(long Id, string Text)>();
        while (seenAfter.Count == 0 || seenAfter[^1].Id != marker)
        {
            var block = await resumed.NextEventAsync(Timeouts.UnderLoad);
            seenAfter.Add((ApiClient.IdOf(block), TextOf(block)));
        }

        var joined = seenBefore.Concat(seenAfter.SkipLast(1)).ToList();
        var ids = joined.Select(seen => seen.Id).ToList();
        Assert.Equal(ids.Order(), ids); // in commit order, each once
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(marker > lastSeen, $"the first id after the crash ({marker}) is above the last one seen before it ({lastSeen})");

        var texts = joined.Select(seen => seen.Text).ToList();
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Empty(acknowledged.Except(texts)); // every acknowledged send is there
        for (var s = 0; s < Senders; s++)
        {
            var sequence = texts.Where(text => text.StartsWith($"s{s}-", StringComparison.Ordinal)).Select(text => int.Parse(text[(text.IndexOf('-', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, sequence.Count), sequence); // each sender's messages in its order, none missing in between
        }
    }

    private static HttpClient Client(ServerProcess server) => new(new GuestSessions(new SocketsHttpHandler { MaxResponseDrainSize = 0, UseCookies = false }))
    {
        BaseAddress = server.BaseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private static async Task SendUntilRefusedAsync(HttpClient client, int sender, ConcurrentBag<string> acknowledged, CancellationToken crashed)
    {
        for (var n = 0; !crashed.IsCancellationRequested; n++)
        {
            var text = $"s{sender}-{n}";
            try
            {
                using var response = await ApiClient.PostAsync(client, $"s{sender}", "all", text);
                if ((int)response.StatusCode != 201)
                {
                    return;
                }
            }
            catch (Exception refused) when (refused is HttpRequestException or TimeoutException or OperationCanceledException)
            {
                return; // the server is gone: this send was never acknowledged
            }

            acknowledged.Add(text);
        }
    }

    private static string TextOf(string block)
    {
        using var json = System.Text.Json.JsonDocument.Parse(SseReader.DataOf(block));
        return json.RootElement.GetProperty("text").GetString()!;
    }
}
