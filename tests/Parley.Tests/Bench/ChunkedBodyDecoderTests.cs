using System.Text;
using Parley.Bench.Streams;

namespace Parley.Tests.Bench;

public sealed class ChunkedBodyDecoderTests
{
    [Fact]
    public void Decoding_stops_at_the_end_of_the_body_so_the_next_answer_on_the_connection_is_left_alone()
    {
        var decoder = new ChunkedBodyDecoder();
        var wire = Encoding.ASCII.GetBytes("3\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");

        var body = decoder.DecodeInPlace(wire, out var consumed);

        Assert.Equal("abc", Encoding.ASCII.GetString(wire, 0, body));
        Assert.True(decoder.Ended);
        Assert.Equal("HTTP/1.1 204 No Content\r\n\r\n", Encoding.ASCII.GetString(wire, consumed, wire.Length - consumed));
    }

    [Fact]
    public void A_size_line_without_a_size_is_refused()
    {
        var decoder = new ChunkedBodyDecoder();

        Assert.Throws<InvalidDataException>(() => decoder.DecodeInPlace(Encoding.ASCII.GetBytes("\r\nabc"), out _));
    }
}
