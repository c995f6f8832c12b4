using System.Text;
using Parley.Bench.Cli;
using Parley.Bench.Measure;
using Parley.Bench.Streams;

namespace Parley.Tests.Bench;

public sealed class StreamReceiverTests
{
    [Fact]
    public void A_json_stream_is_welcomed_by_its_first_event_and_ready_by_the_markers_message()
    {
        var protocol = BroadcastProtocol.For(TargetProtocol.Json, "127.0.0.1:9001", "idle");
        var receiver = new StreamReceiver(protocol);

        receiver.OnData("""{"nick":"i1","lastEventId":0}"""u8);
        receiver.OnData("""{"users":[]}"""u8);
        Assert.NotEqual(0, receiver.WelcomedAt);
        Assert.Equal(0, receiver.ReadyAt);

        receiver.OnData(Message(protocol.ReadyPayload));

        Assert.NotEqual(0, receiver.ReadyAt);
        Assert.Equal(1, receiver.LastReady);
    }

    [Fact]
    public void A_stream_keeps_the_highest_marker_it_saw_and_when_the_first_came()
    {
        var protocol = BroadcastProtocol.For(TargetProtocol.Nchan, "127.0.0.1:9001", "idle");
        var receiver = new StreamReceiver(protocol);

        receiver.OnData(protocol.ReadyMarker(2));
        var firstAt = receiver.ReadyAt;
        receiver.OnData(protocol.ReadyMarker(1));
        receiver.OnData(protocol.ReadyMarker(3));

        Assert.NotEqual(0, firstAt);
        Assert.Equal((3, firstAt), (receiver.LastReady, receiver.ReadyAt));
    }

    [Fact]
    public void Broadcasts_count_only_after_the_first_marker_and_later_markers_are_no_stray_delivery()
    {
        var protocol = BroadcastProtocol.For(TargetProtocol.Seed, "127.0.0.1:9001", "idle");
        var deliveries = new DeliveryTracker(2);
        var receiver = new BroadcastReceiver(protocol, deliveries, new LatencyRecorder());

        receiver.OnData("bench to all: 0:1"u8);
        receiver.OnData([.. "bench to all: "u8, .. protocol.ReadyPayload]);
        receiver.OnData("bench to all: 0:1"u8);
        receiver.OnData("i7 has left."u8);
        receiver.OnData([.. "bench to all: "u8, .. protocol.ReadyMarker(2)]);
        receiver.OnData("bench to all: 1:1"u8);

        Assert.Equal((2, 0, 0), (deliveries.Received, deliveries.Duplicated, deliveries.Stray));
        Assert.Equal(2, receiver.LastReady);
    }

    private static byte[] Message(byte[] text) =>
        [.. "{\"id\":3,\"from\":\"bench\",\"to\":\"all\",\"text\":\""u8, .. text, .. "\",\"sentAt\":\"2026-12-01T01:31:05Z\",\"stored\":false}"u8];
}
