using System.Text;
using System.Text.Json;

namespace Parley.Bench.Streams;

/// <summary>
/// The parts of Parley's own API that idle needs around its streams: a guest session per nick, since a JSON stream
/// takes its nick from the session cookie and never from the request, and how many nicks are online, to tell when
/// streams that closed have left the chat. Plain <see cref="HttpClient"/>: these requests are setup, not load.
/// </summary>
internal sealed class ParleyApi : IDisposable
{
    /// <summary>Requests in flight at once, each on its own connection: the most sockets this holds open.</summary>
    public const int Connections = 16;

    private const string SessionCookie = "parley_session=";

    private readonly HttpClient _client;

    public ParleyApi(Uri server)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false, // one client speaks for every nick: each request carries the cookie it is given
            MaxConnectionsPerServer = Connections,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        };
        _client = new HttpClient(handler) { BaseAddress = server };
    }

    /// <summary>Starts a guest session for every nick (<c>POST /api/session</c>); returns each one's <c>Cookie</c> header value.</summary>
    public async Task<string[]> StartGuestSessionsAsync(IReadOnlyList<string> nicks, CancellationToken cancellation)
    {
        var cookies = new string[nicks.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, nicks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Connections, CancellationToken = cancellation },
            async (i, token) => cookies[i] = await StartGuestSessionAsync(nicks[i], token));
        return cookies;
    }

    /// <summary>How many nicks Parley lists online (<c>GET /api/users/online</c>).</summary>
    public async Task<int> OnlineCountAsync(CancellationToken cancellation)
    {
        await using var body = await _client.GetStreamAsync(new Uri("/api/users/online", UriKind.Relative), cancellation);
        using var online = await JsonDocument.ParseAsync(body, cancellationToken: cancellation);
        return online.RootElement.GetArrayLength();
    }

    public void Dispose() => _client.Dispose();

    private async Task<string> StartGuestSessionAsync(string nick, CancellationToken cancellation)
    {
        // The tool's nicks are letters and digits: nothing in them needs escaping in JSON.
        using var request = new StringContent($$"""{"nick":"{{nick}}"}""", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/api/session", UriKind.Relative), request, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            var refusal = await response.Content.ReadAsStringAsync(cancellation);
            throw new IOException($"POST /api/session for {nick} answered {(int)response.StatusCode}: {refusal.Trim()}");
        }

        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(value => value.Split(';')[0]).FirstOrDefault(pair => pair.StartsWith(SessionCookie, StringComparison.Ordinal))
            : null;
        return cookie ?? throw new IOException($"POST /api/session for {nick} set no {SessionCookie[..^1]} cookie");
    }
}
