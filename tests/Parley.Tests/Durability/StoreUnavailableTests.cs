using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Storage;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Durability;

/// <summary>A store that takes no more work (stopping, or behind) gets clear refusals, never a 500.</summary>
public sealed class StoreUnavailableTests
{
    [Fact]
    public async Task Sends_and_history_get_503_problems_and_a_stream_ends_cleanly_for_its_client_to_come_back()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await server.GuestCookieAsync("mary"); // sessions first: a new one needs the store too
        await server.GuestCookieAsync("john");
        await server.Services.GetRequiredService<StoreThread>().StopAsync(CancellationToken.None);

        using var send = await ApiClient.PostAsync(client, "mary", "all", "hi");
        using var history = await client.GetAsync("/api/history?nick=john", TestContext.Current.CancellationToken);
        await using var stream = await SseReader.OpenAsync(client, "/api/events?nick=john");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"), (send.StatusCode, send.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"), (history.StatusCode, history.Content.Headers.ContentType?.MediaType));
        Assert.Equal("welcome", SseReader.FieldOf(await stream.NextEventAsync(), "event"));
        Assert.Equal("online", SseReader.FieldOf(await stream.NextEventAsync(), "event"));
        Assert.Null(await stream.NextBlockAsync()); // ended: EventSource comes back after the retry hint
        Assert.DoesNotContain(server.LogEntries, entry => entry.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task A_new_guest_session_gets_a_503_problem_while_the_store_is_down()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await server.Services.GetRequiredService<StoreThread>().StopAsync(CancellationToken.None);

        using var response = await client.PostAsJsonAsync("/api/session", new { nick = "mary" }, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
