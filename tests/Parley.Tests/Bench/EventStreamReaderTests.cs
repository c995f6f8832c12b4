using Parley.Bench.Streams;

namespace Parley.Tests.Bench;

public sealed class EventStreamReaderTests
{
    private const string Head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n";
    private const string ChunkedHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

    [Fact]
    public void A_data_line_split_across_receives_reaches_the_handler_whole()
    {
        var lines = new RecordingLines();
        var reader = new EventStreamReader(lines);

        RecordingLines.Feed(reader, Head + "da", "ta: bench to all: 12:", "345", "\n\n");

        Assert.Equal(["bench to all: 12:345"], lines.Data);
    }

    [Fact]
    public void Several_events_in_one_receive_reach_the_handler_in_order()
    {
        var lines = new RecordingLines();
        var reader = new EventStreamReader(lines);

        RecordingLines.Feed(reader, Head, "data: Welcome s1!\n\ndata: now online: s0\n\ndata: s2 has joined.\n\ndata: 0:17\n\ndata: 1:");

        Assert.Equal(["Welcome s1!", "now online: s0", "s2 has joined.", "0:17"], lines.Data);
    }

    [Fact]
    public void Comments_heartbeats_retry_and_id_lines_are_not_handed_on()
    {
        var lines = new RecordingLines();
        var reader = new EventStreamReader(lines);

        RecordingLines.Feed(reader, Head + ": parley\nretry: 3000\n\n:\n\nid: 7\ndata: hello\n\n: hi\n\nevent: x\ndata:no space\n\n");

        Assert.Equal(["hello", "no space"], lines.Data);
    }

    [Fact]
    public void Lines_ending_in_CRLF_lose_the_CR()
    {
        var lines = new RecordingLines();
        var reader = new EventStreamReader(lines);

        RecordingLines.Feed(reader, Head + "data: 3:4\r\n\r\n");

        Assert.Equal(["3:4"], lines.Data);
    }

    [Fact]
    public void A_chunked_body_is_decoded_even_where_chunks_and_receives_cut_through_lines()
    {
        var lines = new RecordingLines();
        var reader = new EventStreamReader(lines);

        // "data: one\n\ndata: two\n\n" in chunks of 7, 0xa (with an extension) and 5 bytes, received in odd pieces.
        RecordingLines.Feed(reader, ChunkedHead + "7\r\ndata: ", "o\r", "\na;x=y\r\nne\n\nda", "ta: \r\n5\r", "\ntwo\n\n\r\n0\r\n\r\n");

        Assert.Equal(["one", "two"], lines.Data);
        Assert.True(reader.BodyEnded);
    }

    [Fact]
    public void A_line_longer_than_the_buffer_is_skipped_and_the_lines_after_it_still_arrive()
    {
        var lines = new RecordingLines();
        var reader = new EventStreamReader(lines, bufferSize: 128);
        var online = "data: now online: " + string.Join(", ", Enumerable.Range(0, 100).Select(i => $"s{i}")) + "\n\n";

        RecordingLines.Feed(reader, Head, "data: Welcome s100!\n\n");
        foreach (var piece in online.Chunk(100))
        {
            RecordingLines.Feed(reader, new string(piece));
        }

        RecordingLines.Feed(reader, "data: s101 has joined.\n\n");

        Assert.Equal(["Welcome s100!", "s101 has joined."], lines.Data);
        Assert.Equal(1, reader.LongLinesSkipped);
    }

    [Fact]
    public void A_refusal_keeps_its_status_line_and_text_and_hands_on_nothing()
    {
        var lines = new RecordingLines();
        var reader = new EventStreamReader(lines);

        RecordingLines.Feed(reader, "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 19\r\n\r\ndata: too many tabs");

        Assert.Equal(429, reader.Head!.Status);
        Assert.Equal("HTTP/1.1 429 Too Many Requests", reader.Head.StatusLine);
        Assert.Equal("data: too many tabs", reader.RefusalText);
        Assert.Empty(lines.Data);
    }

    [Fact]
    public void Nothing_is_handed_on_before_the_head_is_complete()
    {
        var lines = new RecordingLines();
        var reader = new EventStreamReader(lines);

        RecordingLines.Feed(reader, "HTTP/1.1 200 OK\r\ndata: x\n\n");

        Assert.Null(reader.Head);
        Assert.Empty(lines.Data);
    }
}
