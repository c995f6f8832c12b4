using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.BadInput;

/// <summary>
/// A running server with two people already chatting, one on each protocol. Bad input must be refused
/// without touching them: after it, a broadcast is the very next event on both streams.
/// </summary>
internal sealed class BystanderChat : IAsyncDisposable
{
    private BystanderChat(ParleyServer server, HttpClient client, SseReader watcher, SseReader observer)
    {
        Server = server;
        Client = client;
        Watcher = watcher;
        Observer = observer;
    }

    public ParleyServer Server { get; }

    public HttpClient Client { get; }

    /// <summary>A seed stream, nick <c>watcher</c>.</summary>
    public SseReader Watcher { get; }

    /// <summary>A JSON stream, nick <c>observer</c>.</summary>
    public SseReader Observer { get; }

    public static async Task<BystanderChat> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var server = await ParleyServer.StartAsync(settings);
        var client = server.CreateClient();
        var watcher = await SeedClient.LoginAsync(client, "watcher");
        var observer = await ApiClient.LoginAsync(client, "observer");
        Assert.Equal("data: observer has joined.", await watcher.NextEventAsync());
        return new BystanderChat(server, client, watcher, observer);
    }

    /// <summary>Sends a broadcast and expects it as the next event on both bystanders' streams, with nothing before it.</summary>
    public async Task AssertBystandersUntouchedAsync()
    {
        var id = await ApiClient.SendAsync(Client, "checker", "all", "still here");

        Assert.Equal("data: checker to all: still here", await Watcher.NextEventAsync());
        Assert.Matches(
            $$"""^id: {{id}}\nevent: message\ndata: \{"id":{{id}},"from":"checker","to":"all","text":"still here","sentAt":"[0-9T:.-]+Z","stored":false\}$""",
            await Observer.NextEventAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Observer.DisposeAsync();
        await Watcher.DisposeAsync();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
