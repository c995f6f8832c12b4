using Parley.Tests.Infrastructure;

namespace Parley.Tests.Api;

/// <summary>Reads <c>GET /api/users/online</c>: how a test learns that the server has seen a stream close.</summary>
internal static class OnlineUsers
{
    public static async Task<string> GetAsync(HttpClient client) =>
        await client.GetStringAsync(new Uri("/api/users/online", UriKind.Relative), TestContext.Current.CancellationToken)
            .WaitAsync(Timeouts.Default);

    /// <summary>Polls until the online list is exactly <paramref name="expected"/>.</summary>
    public static async Task WaitForAsync(HttpClient client, string expected)
    {
        var last = "";
        var deadline = DateTime.UtcNow + Timeouts.Default;
        while ((last = await GetAsync(client)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The online list stayed {last}, expected {expected}.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
