using System.Diagnostics;
using Parley.Tests.Hosting;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Cluster;

/// <summary>A node killed with <c>kill -9</c>: the others notice within the node timeout, and its clients carry on elsewhere.</summary>
[Trait("Category", "Slow")]
public sealed class NodeDeathTests
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_killed_nodes_nicks_that_have_no_stream_elsewhere_leave_once_within_the_node_timeout()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (survivor, doomed, toSurvivor, toDoomed) = (nodes.Survivor, nodes.Doomed, nodes.ToSurvivor, nodes.ToDoomed);

        await using var mary = await SeedClient.LoginAsync(toSurvivor, "mary", keepIds: true);
        await using var both = await SeedClient.LoginAsync(toSurvivor, "both", keepIds: true);
        Assert.Equal("both has joined.", await mary.NextDataAsync());
        var john = await SeedClient.LoginAsync(toDoomed, "john", keepIds: true);
        await using var bothOnDoomed = await SeedClient.LoginAsync(toDoomed, "both", keepIds: true);
        Assert.Equal("john has joined.", await mary.NextDataAsync());

        var clock = Stopwatch.StartNew();
        await doomed.CrashAsync();
        Assert.Equal("john has left.", await mary.NextDataAsync(NodeTimeout + Timeouts.Default));
        var noticedAfter = clock.Elapsed;
        await SeedClient.SendAsync(survivor.BaseAddress!, "mary", "all%20after");

        // Once, and only john: "both" still has a stream on the node that lives.
        Assert.Equal("mary to all: after", await mary.NextDataAsync());
        Assert.True(noticedAfter < NodeTimeout + TimeSpan.FromSeconds(2), $"noticed after {noticedAfter}, node timeout {NodeTimeout}");
        await john.DisposeAsync();
    }

    [Fact]
    public async Task A_client_of_a_killed_node_resumes_on_another_node_with_nothing_missing()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (survivor, doomed, toSurvivor, toDoomed) = (nodes.Survivor, nodes.Doomed, nodes.ToSurvivor, nodes.ToDoomed);
        var john = await SeedClient.LoginAsync(toDoomed, "john", keepIds: true);
        await SeedClient.SendAsync(survivor.BaseAddress!, "mary", "all%20before");
        var lastSeen = SseReader.FieldOf(await john.NextEventAsync(), "id");

        await doomed.CrashAsync();
        await SeedClient.SendAsync(survivor.BaseAddress!, "mary", "all%20while%20john%20is%20away");
        await SeedClient.SendAsync(survivor.BaseAddress!, "mary", "john%20and%20for%20you");
        await using var resumed = await SseReader.OpenAsync(toSurvivor, $"/john?lastEventId={lastSeen}", keepIds: true);

        Assert.Equal("Welcome john!", await resumed.NextDataAsync());
        Assert.StartsWith("now online: ", await resumed.NextDataAsync(), StringComparison.Ordinal);
        Assert.Equal("mary to all: while john is away", await resumed.NextDataAsync());
        Assert.EndsWith("and for you", await resumed.NextDataAsync(), StringComparison.Ordinal);
        await john.DisposeAsync();
    }

    /// <summary>A Redis and two node processes on it, one to survive and one to kill, with a client of each.</summary>
    private sealed class TwoNodes(RedisServer redis, ServerProcess survivor, ServerProcess doomed) : IAsyncDisposable
    {
        public ServerProcess Survivor => survivor;

        public ServerProcess Doomed => doomed;

        public HttpClient ToSurvivor { get; } = new() { BaseAddress = survivor.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        public HttpClient ToDoomed { get; } = new() { BaseAddress = doomed.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        public static async Task<TwoNodes> StartAsync()
        {
            var redis = await RedisServer.StartAsync();
            var prefix = RedisNodes.NewPrefix();
            return new TwoNodes(
                redis, await RedisNodes.StartProcessAsync(redis, prefix, NodeTimeout), await RedisNodes.StartProcessAsync(redis, prefix, NodeTimeout));
        }

        public async ValueTask DisposeAsync()
        {
            ToSurvivor.Dispose();
            ToDoomed.Dispose();
            survivor.Dispose();
            doomed.Dispose();
            await redis.DisposeAsync();
        }
    }
}
