using System.Text;
using Parley.Bench.Cli;
using Parley.Bench.Streams;

namespace Parley.Tests.Bench;

public sealed class BroadcastProtocolTests
{
    private const string JsonMessage =
        """{"id":7,"from":"bench","to":"all","text":"12:34","sentAt":"2026-12-01T01:31:05.2644511Z","stored":false}""";

    [Theory]
    [InlineData("seed", "bench to all: 12:34")]
    [InlineData("json", JsonMessage)]
    [InlineData("nchan", "12:34")]
    public void A_broadcast_reads_as_its_payload_on_every_protocol(string kind, string data)
    {
        var protocol = Protocol(kind);

        Assert.True(protocol.TryReadBroadcast(Encoding.UTF8.GetBytes(data), out var payload));
        Assert.Equal("12:34", Encoding.UTF8.GetString(payload));
    }

    [Theory]
    [InlineData("seed", "i3 has joined.")]
    [InlineData("seed", "mary to all: 12:34")]
    [InlineData("json", """{"nick":"i3"}""")]
    [InlineData("json", """{"users":["i1","i2"]}""")]
    [InlineData("json", """{"id":8,"from":"mary","to":"all","text":"12:34","sentAt":"2026-12-01T01:31:05Z","stored":false}""")]
    [InlineData("json", """{"id":9,"from":"bench","to":"all","text":"12:34""")]
    public void The_chat_around_the_broadcasts_is_no_broadcast(string kind, string data)
    {
        Assert.False(Protocol(kind).TryReadBroadcast(Encoding.UTF8.GetBytes(data), out _));
    }

    [Theory]
    [InlineData("seed", "Welcome i3!", true)]
    [InlineData("seed", "i3 has joined.", false)]
    [InlineData("json", """{"nick":"i3","lastEventId":0}""", true)]
    [InlineData("json", """{"nick":"i3"}""", false)]
    [InlineData("json", """{"users":[]}""", false)]
    [InlineData("nchan", "Welcome i3!", false)]
    public void A_welcome_is_the_first_event_of_a_seed_or_json_stream(string kind, string data, bool welcome)
    {
        var protocol = Protocol(kind);

        Assert.Equal(welcome, protocol.IsWelcome(Encoding.UTF8.GetBytes(data)));
        Assert.Equal(kind != "nchan", protocol.HasWelcome);
    }

    [Fact]
    public void Ready_markers_are_numbered_after_the_first()
    {
        var protocol = Protocol("seed");
        var first = Encoding.ASCII.GetString(protocol.ReadyPayload);

        Assert.Equal(first, Encoding.ASCII.GetString(protocol.ReadyMarker(1)));
        Assert.Equal($"{first}-3", Encoding.ASCII.GetString(protocol.ReadyMarker(3)));
        Assert.Equal([1, 3], new[] { protocol.ReadyMarker(1), protocol.ReadyMarker(3) }.Select(m => protocol.ReadyNumber(m)));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0")]
    [InlineData("-x")]
    [InlineData("-2x")]
    [InlineData("2")]
    public void Anything_else_after_the_runs_marker_is_no_marker(string suffix)
    {
        var protocol = Protocol("seed");

        Assert.Equal(0, protocol.ReadyNumber([.. protocol.ReadyPayload, .. Encoding.ASCII.GetBytes(suffix)]));
    }

    [Fact]
    public void Another_runs_marker_is_no_marker()
    {
        Assert.Equal(0, Protocol("seed").ReadyNumber(Protocol("seed").ReadyPayload));
    }

    [Theory]
    [InlineData("seed", "GET /msg/bench/all%2012:34 HTTP/1.1\r\nHost: 127.0.0.1:9001\r\n\r\n")]
    [InlineData("json", "GET /msg/bench/all%2012:34 HTTP/1.1\r\nHost: 127.0.0.1:9001\r\n\r\n")]
    [InlineData("nchan", "POST /pub/idle HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n12:34")]
    public void Json_streams_are_published_to_through_the_seeds_send_route(string kind, string request)
    {
        var buffer = new byte[BroadcastProtocol.MaxRequestLength];

        Assert.Equal(request, Encoding.ASCII.GetString(buffer, 0, Protocol(kind).WriteRequest(buffer, "12:34"u8)));
    }

    private static BroadcastProtocol Protocol(string kind) =>
        BroadcastProtocol.For(Enum.Parse<TargetProtocol>(kind, ignoreCase: true), "127.0.0.1:9001", "idle");
}
