using System.Text;
using Parley.Bench.Http;

namespace Parley.Tests.Bench;

public sealed class HttpResponseParserTests
{
    private const string Page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\n<p>hi!</p>\n";

    private const string Chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nA;name=value\r\n, world!!!\r\n0\r\nX-Trailer: 1\r\n\r\n";

    [Fact]
    public void A_response_with_a_content_length_is_complete_after_that_many_body_bytes()
    {
        var (parser, body) = Parse(Page);

        Assert.True(parser.IsComplete);
        Assert.Equal(200, parser.Status);
        Assert.Equal(11, parser.BodyLength);
        Assert.Equal("<p>hi!</p>\n", body);
        Assert.False(parser.ConnectionClose);
    }

    [Fact]
    public void A_chunked_response_yields_its_chunks_joined_and_ends_after_the_trailers()
    {
        var (parser, body) = Parse(Chunked);

        Assert.True(parser.IsComplete);
        Assert.Equal("hello, world!!!", body);
        Assert.Equal(15, parser.BodyLength);
    }

    [Fact]
    public void A_response_split_at_any_byte_parses_as_it_does_whole()
    {
        foreach (var wire in new[] { Page, Chunked })
        {
            var (_, whole) = Parse(wire);
            for (var cut = 1; cut < wire.Length; cut++)
            {
                var (parser, body) = Parse(wire[..cut], wire[cut..]);

                Assert.True(parser.IsComplete, $"cut at {cut}");
                Assert.Equal(whole, body);
            }
        }
    }

    [Fact]
    public void A_response_read_one_byte_at_a_time_parses_as_it_does_whole()
    {
        var (parser, body) = Parse([.. Chunked.Select(c => c.ToString())]);

        Assert.True(parser.IsComplete);
        Assert.Equal("hello, world!!!", body);
    }

    [Fact]
    public void The_parser_stops_at_the_end_of_one_response_and_leaves_the_next_unread()
    {
        var parser = new HttpResponseParser();
        parser.Reset();
        var wire = Encoding.ASCII.GetBytes(Page + "HTTP/1.1 204 No Content\r\n\r\n");

        var consumed = Feed(parser, wire, new StringBuilder());

        Assert.Equal(Page.Length, consumed);
        parser.Reset();
        Feed(parser, wire.AsSpan(consumed), new StringBuilder());
        Assert.True(parser.IsComplete);
        Assert.Equal(204, parser.Status);
    }

    [Fact]
    public void A_no_content_answer_is_complete_at_the_end_of_its_head()
    {
        var (parser, _) = Parse("HTTP/1.1 204 No Content\r\nDate: Fri, 27 Nov 2026 07:00:00 GMT\r\n\r\n");

        Assert.True(parser.IsComplete);
        Assert.Equal(0, parser.BodyLength);
    }

    [Fact]
    public void Connection_close_from_the_server_is_reported()
    {
        var (parser, _) = Parse("HTTP/1.1 200 OK\r\nconnection: Close\r\ncontent-length: 0\r\n\r\n");

        Assert.True(parser.IsComplete);
        Assert.True(parser.ConnectionClose);
    }

    [Fact]
    public void An_HTTP_1_0_answer_closes_unless_it_offers_keep_alive()
    {
        var (closing, _) = Parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        var (keeping, _) = Parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal([true, false], [closing.ConnectionClose, keeping.ConnectionClose]);
    }

    [Fact]
    public void A_body_with_neither_length_nor_chunks_runs_until_the_server_closes()
    {
        var (parser, body) = Parse("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n: hi\n\n", "data: x\n\n");

        Assert.False(parser.IsComplete);
        Assert.True(parser.ConnectionClose);
        parser.EndOfStream();
        Assert.True(parser.IsComplete);
        Assert.Equal(": hi\n\ndata: x\n\n", body);
    }

    [Fact]
    public void An_interim_continue_is_skipped_for_the_answer_after_it()
    {
        var (parser, body) = Parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok");

        Assert.True(parser.IsComplete);
        Assert.Equal(202, parser.Status);
        Assert.Equal("ok", body);
    }

    [Fact]
    public void The_answer_to_a_head_request_has_no_body_whatever_its_length_says()
    {
        var parser = new HttpResponseParser();
        parser.Reset(bodiless: true);

        Feed(parser, Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n"), new StringBuilder());

        Assert.True(parser.IsComplete);
        Assert.Equal(0, parser.BodyLength);
    }

    [Fact]
    public void A_close_in_the_middle_of_a_body_is_an_IO_error()
    {
        var (parser, _) = Parse(Page[..^3]);

        var error = Assert.Throws<IOException>(parser.EndOfStream);
        Assert.Equal("the server closed the connection in the middle of a response", error.Message);
    }

    [Fact]
    public void A_close_before_any_answer_says_so()
    {
        var parser = new HttpResponseParser();
        parser.Reset();

        var error = Assert.Throws<IOException>(parser.EndOfStream);
        Assert.Equal("the server closed the connection without answering", error.Message);
    }

    [Fact]
    public void A_status_line_that_is_not_HTTP_is_invalid_data()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse("SSH-2.0-OpenSSH_9.2\r\n"));

        Assert.Equal("not an HTTP/1.x status line: 'SSH-2.0-OpenSSH_9.2'", error.Message);
    }

    [Fact]
    public void A_bad_chunk_size_is_invalid_data()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));

        Assert.Equal("a bad chunk size: 'zz'", error.Message);
    }

    [Fact]
    public void Reset_clears_what_the_last_response_said()
    {
        var (parser, _) = Parse("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 3\r\n\r\nno\n");

        parser.Reset();
        Feed(parser, Encoding.ASCII.GetBytes(Page), new StringBuilder());

        Assert.Equal(200, parser.Status);
        Assert.False(parser.ConnectionClose);
        Assert.Equal(11, parser.BodyLength);
    }

    /// <summary>Feeds each read in turn, as a receive loop would, and returns the parser and the body it gave.</summary>
    private static (HttpResponseParser Parser, string Body) Parse(params string[] reads)
    {
        var parser = new HttpResponseParser();
        parser.Reset();
        var body = new StringBuilder();
        foreach (var read in reads)
        {
            Feed(parser, Encoding.ASCII.GetBytes(read), body);
        }

        return (parser, body.ToString());
    }

    private static int Feed(HttpResponseParser parser, ReadOnlySpan<byte> input, StringBuilder body)
    {
        var at = 0;
        while (at < input.Length && !parser.IsComplete)
        {
            var part = parser.Advance(input[at..]);
            body.Append(Encoding.ASCII.GetString(input.Slice(at + part.BodyOffset, part.BodyCount)));
            at += part.Consumed;
        }

        return at;
    }
}
