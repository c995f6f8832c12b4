using Parley.Chat;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_server_ends_every_stream_cleanly_and_logs_server_shutdown_for_each()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var server = await ParleyServer.StartAsync();
        var paths = new[] { "/ann", "/bob", "/api/events?nick=cat", "/api/events?nick=dan" };
        var clients = paths.Select(_ => new AddressedClient(server.BaseAddress)).ToArray();
        var streams = new List<SseReader>();
        try
        {
            foreach (var (client, path) in clients.Zip(paths))
            {
                var stream = await client.OpenAsync(path);
                streams.Add(stream);
                Assert.Equal(": parley\nretry: 3000", await stream.NextBlockAsync());
            }

            var ending = streams.Select(ReadToEndAsync).ToArray();

            // The host would wait up to its 30 s shutdown timeout for streams that do not end by themselves.
            await server.StopAsync().WaitAsync(Timeouts.Default, cancel);

            await Task.WhenAll(ending).WaitAsync(Timeouts.Default, cancel); // the end of each stream, not an exception
            string[] nicks = ["ann", "bob", "cat", "dan"];
            Assert.Equal(
                clients.Zip(nicks, (client, nick) => ((string?)nick, (string?)client.LocalAddress, (StreamCloseReason?)StreamCloseReason.ServerShutdown)).Order(),
                server.LogEntriesOf(LogEvents.StreamClosed).Select(entry => (entry["Nick"] as string, entry["RemoteAddress"] as string, entry["Reason"] as StreamCloseReason?)).Order());
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Reads whatever comes (joins and such) up to the end of the stream.</summary>
    private static async Task ReadToEndAsync(SseReader stream)
    {
        while (await stream.NextBlockAsync() is not null)
        {
        }
    }
}
