using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Diagnostics;

/// <summary>
/// A little of everything over HTTP, for the metrics to count: ann on a seed stream, bob on a JSON stream, a broadcast, a
/// direct message, one kept for offline carl, and a send refused by a send limit. Each stream reads what it is sent.
/// </summary>
internal sealed class ChatTraffic : IAsyncDisposable
{
    /// <summary>
    /// A send bucket of 100 bytes that refills 1 byte a second: 11 bytes of sends leave 89, too few for the 99-byte
    /// send that follows for the next 10 s, however slow the machine.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Parley:Limits:SendBurstBytes"] = "100",
        ["Parley:Limits:SendBytesPerSecond"] = "1",
    };

    private ChatTraffic(HttpClient client, SseReader ann, SseReader bob)
    {
        Client = client;
        Ann = ann;
        Bob = bob;
    }

    public HttpClient Client { get; }

    public SseReader Ann { get; }

    public SseReader Bob { get; }

    public static async Task<ChatTraffic> RunAsync(ParleyServer server)
    {
        var client = server.CreateClient();
        var ann = await SeedClient.LoginAsync(client, "ann");
        var bob = await ApiClient.LoginAsync(client, "bob");
        Assert.Equal("bob has joined.", await ann.NextDataAsync());

        await SeedClient.SendAsync(server, "ann", "all%20hi");
        Assert.EndsWith("hi", await ann.NextDataAsync(), StringComparison.Ordinal);
        Assert.Contains("\"text\":\"hi\"", await bob.NextDataAsync(), StringComparison.Ordinal);

        await ApiClient.SendAsync(client, "bob", "ann", "psst");
        Assert.EndsWith("psst", await ann.NextDataAsync(), StringComparison.Ordinal);
        Assert.Contains("\"text\":\"psst\"", await bob.NextDataAsync(), StringComparison.Ordinal);

        await SeedClient.SendAsync(server, "ann", "carl%20later");
        Assert.Equal("You to carl (offline): later", await ann.NextDataAsync());

        var refused = await RawHttp.GetAsync(server.BaseAddress, "/msg/ann/all%20" + new string('x', 99));
        Assert.True(refused.Status == 429, $"the send past the byte bucket answered {refused.Status}: {refused.Text}");
        return new ChatTraffic(client, ann, bob);
    }

    public async ValueTask DisposeAsync()
    {
        await Ann.DisposeAsync();
        await Bob.DisposeAsync();
        Client.Dispose();
    }
}
