using System.Buffers;
using Parley.Chat;

namespace Parley.Tests.Rules;

public sealed class OutboundEventTests
{
    [Fact]
    public void Each_format_encodes_an_event_once_and_every_recipient_shares_the_bytes()
    {
        var seed = new CountingEncoder(StreamFormat.Seed);
        var json = new CountingEncoder(StreamFormat.Json);
        var outbound = new OutboundEvent(new Joined("john"));

        var first = outbound.EncodedBy(seed);
        var second = outbound.EncodedBy(seed);
        outbound.EncodedBy(json);
        outbound.EncodedBy(json);

        Assert.Equal(1, seed.Calls);
        Assert.Equal(1, json.Calls);
        Assert.True(first.Span == second.Span, "both recipients should get the very same bytes");
    }

    private sealed class CountingEncoder(StreamFormat format) : IEventEncoder
    {
        public int Calls { get; private set; }

        public StreamFormat Format => format;

        public bool SummarizesPresence => false;

        public void Write(ChatEvent chatEvent, IBufferWriter<byte> output)
        {
            Calls++;
            output.Write("x"u8);
        }
    }
}
