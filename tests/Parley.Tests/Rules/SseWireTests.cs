using System.Buffers;
using System.Text;
using Parley.Streams;

namespace Parley.Tests.Rules;

public sealed class SseWireTests
{
    [Theory]
    [InlineData("hello", "data: hello\n")]
    [InlineData("one\ntwo", "data: one\ndata: two\n")]
    [InlineData("one\r\ntwo", "data: one\ndata: two\n")]
    [InlineData("one\rtwo", "data: one\ndata: two\n")]
    [InlineData("one\n", "data: one\ndata: \n")]
    [InlineData("a\u2028b", "data: a\u2028b\n")] // only CR and LF end an SSE line
    public void Each_line_of_the_data_becomes_its_own_data_field(string data, string expected)
    {
        var sse = new ArrayBufferWriter<byte>();

        SseWire.WriteData(sse, data);

        Assert.Equal(expected, Encoding.UTF8.GetString(sse.WrittenSpan));
    }

    [Fact]
    public void The_id_line_is_written_in_decimal()
    {
        var buffer = new ArrayBufferWriter<byte>();

        SseWire.WriteId(buffer, 9_007_199_254_740_993);

        Assert.Equal("id: 9007199254740993\n", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void The_opening_is_a_comment_and_the_retry_hint_in_milliseconds() =>
        Assert.Equal(": parley\nretry: 2500\n\n", Encoding.UTF8.GetString(SseWire.Opening(TimeSpan.FromMilliseconds(2500))));
}
