using Parley.Tests.Infrastructure;

namespace Parley.Tests.Seed;

/// <summary>The seed protocol as its page and load tools speak it: a stream per tab, sends as raw GETs.</summary>
internal static class SeedClient
{
    /// <summary>Opens <c>GET /{nick}</c> and reads its welcome and online list, so the next event is live traffic.</summary>
    /// <param name="keepIds">Keep each message's <c>id:</c> line, which the seed's own clients ignore.</param>
    public static async Task<SseReader> LoginAsync(HttpClient client, string nick, bool keepIds = false)
    {
        var stream = await SseReader.OpenAsync(client, "/" + nick, keepIds);
        Assert.Equal($"Welcome {nick}!", await stream.NextDataAsync());
        Assert.StartsWith("now online: ", await stream.NextDataAsync(), StringComparison.Ordinal);
        return stream;
    }

    /// <summary>Sends <c>GET /msg/{from}/{encoded}</c> byte for byte and expects the seed's bodiless 204.</summary>
    public static Task SendAsync(ParleyServer server, string from, string encoded) => SendAsync(server.BaseAddress, from, encoded);

    /// <summary>The same to a server at <paramref name="server"/> (one in another process).</summary>
    public static async Task SendAsync(Uri server, string from, string encoded)
    {
        var response = await RawHttp.GetAsync(server, $"/msg/{from}/{encoded}");
        Assert.True(response.Status == 204, $"GET /msg/{from}/{encoded} answered {response.Status}: {response.Text}");
        Assert.Empty(response.Body);
    }
}
