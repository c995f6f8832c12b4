using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

/// <summary>Parley:Streams:DrainDelay: a node told to stop goes on listening, unready, while a balancer notices.</summary>
[Trait("Category", "Slow")]
public sealed class DrainDelayTests
{
    [Fact]
    public async Task During_the_drain_delay_after_sigterm_the_node_listens_answers_readyz_503_and_a_new_stream_200_with_only_a_retry()
    {
        using var server = await ServerProcess.StartAsync(
            "--urls", "http://127.0.0.1:0", "--Parley:Streams:DrainDelay=00:00:06", "--Parley:Streams:RetryHint=00:00:01", "--Parley:Streams:RetryJitter=00:00:00");
        using var client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        await using var john = await SseReader.OpenAsync(client, "/john");
        await john.NextDataAsync(2);
        Assert.Equal(200, (await RawHttp.GetAsync(server.BaseAddress!, "/readyz")).Status);

        server.Terminate();
        Assert.Equal("retry: 1000", await john.NextBlockAsync()); // the open stream is told at once
        Assert.Null(await john.NextBlockAsync());
        var readiness = await RawHttp.GetAsync(server.BaseAddress!, "/readyz");
        var stream = await RawHttp.GetAsync(server.BaseAddress!, "/mary", "Accept: text/event-stream");

        Assert.Equal(503, readiness.Status);
        Assert.Equal((200, "text/event-stream", "retry: 1000\n\n"), (stream.Status, stream.Header("Content-Type"), stream.Text));
        Assert.Equal(0, await server.WaitForExitAsync(Timeouts.Shutdown));
    }
}
