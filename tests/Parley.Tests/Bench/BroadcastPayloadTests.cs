using System.Text;
using Parley.Bench.Streams;

namespace Parley.Tests.Bench;

public sealed class BroadcastPayloadTests
{
    [Fact]
    public void A_payload_is_sequence_colon_timestamp_and_reads_back()
    {
        var buffer = new byte[BroadcastPayload.MaxLength];

        var length = BroadcastPayload.Write(buffer, 41, long.MaxValue);

        Assert.Equal($"41:{long.MaxValue}", Encoding.ASCII.GetString(buffer, 0, length));
        Assert.True(BroadcastPayload.TryParse(buffer.AsSpan(0, length), out var sequence, out var timestamp));
        Assert.Equal(41, sequence);
        Assert.Equal(long.MaxValue, timestamp);
    }

    [Theory]
    [InlineData("ready-0a1b2c")]
    [InlineData("12")]
    [InlineData("12:")]
    [InlineData(":34")]
    [InlineData("12:34x")]
    [InlineData("12:34 ")]
    [InlineData("")]
    public void Anything_but_two_numbers_around_a_colon_is_no_payload(string text)
    {
        Assert.False(BroadcastPayload.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));
    }
}
