using System.Net.Http.Json;
using System.Text.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Api;

/// <summary>Parley's JSON protocol: streams at /api/events, sends as POST /api/messages.</summary>
internal static class ApiClient
{
    public static string EventsPath(string nick) => "/api/events?nick=" + Uri.EscapeDataString(nick);

    /// <summary>Opens the JSON stream of <paramref name="nick"/> and reads its welcome and online events.</summary>
    public static async Task<SseReader> LoginAsync(HttpClient client, string nick)
    {
        var stream = await SseReader.OpenAsync(client, EventsPath(nick));
        Assert.Equal("welcome", SseReader.FieldOf(await stream.NextEventAsync(), "event"));
        Assert.Equal("online", SseReader.FieldOf(await stream.NextEventAsync(), "event"));
        return stream;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? from, string? to, string? text) =>
        await client.PostAsJsonAsync("/api/messages", new { from, to, text }, TestContext.Current.CancellationToken)
            .WaitAsync(Timeouts.Default);

    /// <summary>Sends a message that must be accepted; returns the id the server gave it.</summary>
    public static async Task<long> SendAsync(HttpClient client, string from, string to, string text)
    {
        using var response = await PostAsync(client, from, to, text);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == 201, $"POST /api/messages answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>The exact data of a message event.</summary>
    public static string MessageJson(long id, string from, string to, string text, bool stored, string sentAt) =>
        $$"""{"id":{{id}},"from":"{{from}}","to":"{{to}}","text":"{{text}}","sentAt":"{{sentAt}}","stored":{{(stored ? "true" : "false")}}}""";

    /// <summary>The id in the body of a 201 answer to a send.</summary>
    public static long IdOfAccepted(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>The id of a block, which must be there.</summary>
    public static long IdOf(string block) =>
        long.Parse(SseReader.FieldOf(block, "id") ?? throw new InvalidOperationException($"No id in [{block}]"), System.Globalization.CultureInfo.InvariantCulture);
}
