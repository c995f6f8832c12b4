using System.Text.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

[Trait("Category", "Slow")]
public sealed class ProcessLifetimeTests
{
    [Fact]
    public async Task Sigterm_ends_every_stream_cleanly_and_the_process_exits_with_zero()
    {
        using var server = await ServerProcess.StartAsync("--urls", "http://127.0.0.1:0", "--Logging:Console:FormatterName=json");
        using var client = new HttpClient(new GuestSessions(new SocketsHttpHandler { UseCookies = false })) { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        await using var john = await SseReader.OpenAsync(client, "/john");
        await using var mary = await SseReader.OpenAsync(client, "/api/events?nick=mary");
        await john.NextDataAsync(2);
        await mary.NextEventAsync();
        Assert.Equal("data: mary has joined.", await john.NextBlockAsync()); // before the signal: a stop does not wait for queued events

        server.Terminate();

        Assert.Equal(0, await server.WaitForExitAsync(Timeouts.Shutdown));
        Assert.Matches("^retry: [0-9]+$", await john.NextBlockAsync()); // when to come back, jittered
        Assert.Null(await john.NextBlockAsync());
        Assert.Equal(
            [("john", "ServerShutdown"), ("mary", "ServerShutdown")],
            StreamsClosed(server).Select(closed => (closed.GetProperty("Nick").GetString(), closed.GetProperty("Reason").GetString())).Order());
        Assert.All(StreamsClosed(server), closed => Assert.StartsWith("127.0.0.1:", closed.GetProperty("RemoteAddress").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_setting_out_of_range_stops_the_server_at_start_with_the_reason()
    {
        using var server = await ServerProcess.StartAsync("--urls", "http://127.0.0.1:0", "--Parley:Chat:MaxTextLength=0");

        Assert.NotEqual(0, await server.WaitForExitAsync(Timeouts.UnderLoad));
        Assert.Contains(server.Output, line => line.Contains("MaxTextLength", StringComparison.Ordinal) && line.Contains("must be between 1 and 100000", StringComparison.Ordinal));
    }

    /// <summary>The state of each "stream closed" entry (event 2) in the process's JSON log.</summary>
    private static JsonElement[] StreamsClosed(ServerProcess server) => [.. server.Output
        .Where(line => line.StartsWith('{'))
        .Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.Clone();
        })
        .Where(entry => entry.GetProperty("Category").GetString() == "Parley.Streams.EventStreamHost" && entry.GetProperty("EventId").GetInt32() == 2)
        .Select(entry => entry.GetProperty("State"))];
}
