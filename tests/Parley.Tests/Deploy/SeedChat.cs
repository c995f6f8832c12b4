using System.Net;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Deploy;

/// <summary>The least a deployed server must do: a stream that gets a message someone sends, over plain HTTP.</summary>
internal static class SeedChat
{
    public static async Task AssertServesAsync(Uri url)
    {
        using var client = new HttpClient { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
        await using var john = await SseReader.OpenAsync(client, "/john");
        Assert.Equal(["Welcome john!", "now online: "], await john.NextDataAsync(2));

        using var send = await client.GetAsync("/msg/mary/john%20hello", TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);

        Assert.Equal(HttpStatusCode.NoContent, send.StatusCode);
        Assert.Equal("mary: hello", await john.NextDataAsync());
    }
}
