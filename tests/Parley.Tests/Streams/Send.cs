using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>The two send routes, each expecting acceptance; tests that load the server pass a longer timeout.</summary>
internal static class Send
{
    /// <summary><c>POST /api/messages</c>; returns the message id the server gave it.</summary>
    public static async Task<long> ViaApiAsync(HttpClient client, string from, string to, string text, TimeSpan? timeout = null)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var response = await client.PostAsJsonAsync("/api/messages", new { from, to, text }, cancel).WaitAsync(timeout ?? Timeouts.Default, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel).WaitAsync(timeout ?? Timeouts.Default, cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/messages answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>The seed's <c>GET /msg/{from}/{to}%20{text}</c>.</summary>
    public static async Task ViaSeedAsync(HttpClient client, string from, string to, string text, TimeSpan? timeout = null)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var response = await client.GetAsync($"/msg/{from}/{to}%20{Uri.EscapeDataString(text)}", cancel).WaitAsync(timeout ?? Timeouts.Default, cancel);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
