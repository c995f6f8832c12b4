using System.Text;
using Parley.Bench.Cli;
using Parley.Bench.Streams;

namespace Parley.Tests.Bench;

public sealed class ChatNodesTests
{
    [Fact]
    public async Task Subscribers_and_publishers_take_the_nodes_in_turn()
    {
        var nodes = await ResolveAsync("http://127.0.0.1:9001", "http://127.0.0.1:9002");

        Assert.Equal(
            [9001, 9002, 9001, 9002, 9001],
            Enumerable.Range(0, 5).Select(i => nodes.Target(i).EndPoint.Port));
    }

    [Fact]
    public async Task Each_node_is_published_to_with_its_own_host_and_the_same_ready_marker()
    {
        var nodes = await ResolveAsync("http://127.0.0.1:9001", "http://127.0.0.1:9002");

        Assert.Contains("Host: 127.0.0.1:9001\r\n", Request(nodes.ProtocolOf(0)), StringComparison.Ordinal);
        Assert.Contains("Host: 127.0.0.1:9002\r\n", Request(nodes.ProtocolOf(1)), StringComparison.Ordinal);
        Assert.Equal(nodes.ProtocolOf(0).ReadyPayload, nodes.ProtocolOf(1).ReadyPayload);
        Assert.Same(nodes.ProtocolOf(0), nodes.Protocol);
    }

    [Fact]
    public async Task One_server_listed_twice_is_two_nodes_on_one_end_point()
    {
        // How the tool's plumbing is checked without a shared chat: every broadcast still reaches every stream once.
        var nodes = await ResolveAsync("http://127.0.0.1:9001", "http://127.0.0.1:9001");

        Assert.Equal(2, nodes.Count);
        Assert.Equal(nodes.Target(0).EndPoint, nodes.Target(1).EndPoint);
    }

    [Fact]
    public async Task Streams_may_use_every_loopback_source_only_when_every_node_is_on_loopback()
    {
        Assert.True((await ResolveAsync("http://127.0.0.1:9001", "http://127.0.0.2:9002")).AllLoopback);
        Assert.False((await ResolveAsync("http://127.0.0.1:9001", "http://10.0.0.7:9002")).AllLoopback);
    }

    private static Task<ChatNodes> ResolveAsync(params string[] urls) =>
        ChatNodes.ResolveAsync(
            [.. urls.Select(u => new Uri(u))],
            host => BroadcastProtocol.For(TargetProtocol.Seed, host, "fanout"),
            TestContext.Current.CancellationToken);

    private static string Request(BroadcastProtocol protocol)
    {
        var buffer = new byte[BroadcastProtocol.MaxRequestLength];
        return Encoding.ASCII.GetString(buffer, 0, protocol.WriteRequest(buffer, "0:1"u8));
    }
}
