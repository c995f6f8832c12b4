using System.Net;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Protection;

/// <summary>
/// Sends that reach the server together. A bucket refills first a second after its first send, so a burst that
/// arrives within that second meets exactly its burst of tokens however loaded the machine is; one send after
/// another on a busy 2-core machine can take longer than that and meet a refill.
/// </summary>
internal static class Burst
{
    /// <summary>Opens a connection per send first (to a route without limits), then posts every send at once.</summary>
    public static async Task<HttpResponseMessage[]> SendAsync(params (HttpClient Client, string From, string Text)[] sends)
    {
        var cancel = TestContext.Current.CancellationToken;
        await Task.WhenAll(sends.Select(async send =>
        {
            using var warm = await send.Client.GetAsync("/api/users/online", cancel);
        })).WaitAsync(Timeouts.Default, cancel);
        return await Task.WhenAll(sends.Select(send => ApiClient.PostAsync(send.Client, send.From, "all", send.Text))).WaitAsync(Timeouts.Default, cancel);
    }

    /// <summary>The one refusal among <paramref name="responses"/>, after checking that every other send was accepted.</summary>
    public static HttpResponseMessage SingleRefusal(HttpResponseMessage[] responses)
    {
        Assert.Equal(
            (responses.Length - 1, 1),
            (responses.Count(r => r.StatusCode == HttpStatusCode.Created), responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests)));
        return responses.Single(r => r.StatusCode == HttpStatusCode.TooManyRequests);
    }
}
