using Parley.Bench.Streams;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;
using Parley.Tests.Streams;

namespace Parley.Tests.Bench;

/// <summary>The load tool reads every stream it holds on one thread, so its own reading is not what a fan-out measures.</summary>
[Collection(LoadTests.Name)]
[Trait("Category", "Slow")]
public sealed class StreamPollerTests
{
    [Fact]
    public async Task Every_open_stream_is_read_on_the_pollers_one_thread_and_ends_when_the_server_closes_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = await ParleyServer.StartAsync();
        var lines = Enumerable.Range(0, 20).Select(_ => new ThreadRecorder()).ToArray();
        var streams = lines.Select(recorder => new EventStreamSubscriber(recorder)).ToArray();
        try
        {
            var target = await StreamTarget.ResolveAsync(server.BaseAddress, cancel);
            await Task.WhenAll(streams.Select((stream, i) => stream.OpenAsync(target, $"/p{i}", null, cancel))).WaitAsync(Timeouts.Default, cancel);
            foreach (var recorder in lines)
            {
                recorder.Opened = true;
            }

            await SeedClient.SendAsync(server, "p0", "all%20hello");
            await Timeouts.WaitUntilAsync(() => lines.All(recorder => recorder.Threads.Count > 0), "every stream read the broadcast");

            Assert.Equal(["bench stream poller"], lines.SelectMany(recorder => recorder.Threads).Distinct());
            Assert.All(streams, stream => Assert.True(stream.IsOpen));
        }
        finally
        {
            await server.DisposeAsync();
        }

        await Task.WhenAll(streams.Select(stream => stream.Receiving)).WaitAsync(Timeouts.Default, cancel);
        Assert.All(streams, stream => Assert.False(stream.IsOpen));
        foreach (var stream in streams)
        {
            stream.Dispose();
        }
    }

    private sealed class ThreadRecorder : IDataLineHandler
    {
        public volatile bool Opened;

        public HashSet<string?> Threads { get; } = [];

        public void OnData(ReadOnlySpan<byte> data)
        {
            if (Opened && data.IndexOf("hello"u8) >= 0)
            {
                lock (Threads)
                {
                    Threads.Add(Thread.CurrentThread.Name);
                }
            }
        }
    }
}
