using System.Net.Http.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Cluster;

/// <summary>
/// The places a client can land on: one server named several times, or several nodes on one Redis. Tests speak to
/// <c>this[0]</c>, <c>this[1]</c>, … and cannot tell which it is: that is the point.
/// </summary>
public sealed class ChatNodes(IReadOnlyList<ParleyServer> entryPoints, IAsyncDisposable? owner = null) : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [.. entryPoints.Select(server => server.CreateClient())];

    public ParleyServer this[int index] => entryPoints[index];

    public int Count => entryPoints.Count;

    /// <summary>A client of entry point <paramref name="index"/> (guest sessions per nick, as <see cref="ParleyServer.CreateClient"/>).</summary>
    public HttpClient Client(int index) => _clients[index];

    /// <summary>Waits until every entry point lists <paramref name="nick"/> online with <paramref name="streams"/> streams (0: not online).</summary>
    public async Task UntilEveryNodeCountsAsync(string nick, int streams)
    {
        foreach (var client in _clients)
        {
            await Timeouts.WaitUntilAsync(
                async () => (await client.GetFromJsonAsync<OnlineEntry[]>("/api/users/online"))!.SingleOrDefault(user => user.Nick == nick)?.Streams == (streams == 0 ? null : streams),
                $"{client.BaseAddress} counts {streams} streams for {nick}",
                Timeouts.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var server in entryPoints.Distinct())
        {
            await server.DisposeAsync();
        }

        if (owner is not null)
        {
            await owner.DisposeAsync();
        }
    }

    private sealed record OnlineEntry(string Nick, int Streams);
}
