using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

[Trait("Category", "Slow")]
public sealed class ProcessLifetimeTests
{
    [Fact]
    public async Task Sigterm_ends_every_stream_cleanly_and_the_process_exits_with_zero()
    {
        using var server = await ServerProcess.StartAsync("--urls", "http://127.0.0.1:0");
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
        Assert.Contains(server.Output, line => line.Contains("Stream closed for john from 127.0.0.1:", StringComparison.Ordinal) && line.EndsWith(": ServerShutdown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_setting_out_of_range_stops_the_server_at_start_with_the_reason()
    {
        using var server = await ServerProcess.StartAsync("--urls", "http://127.0.0.1:0", "--Parley:Chat:MaxTextLength=0");

        Assert.NotEqual(0, await server.WaitForExitAsync(Timeouts.UnderLoad));
        Assert.Contains(server.Output, line => line.Contains("MaxTextLength", StringComparison.Ordinal) && line.Contains("must be between 1 and 100000", StringComparison.Ordinal));
    }
}
