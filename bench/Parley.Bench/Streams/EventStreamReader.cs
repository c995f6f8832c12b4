using System.Text;

namespace Parley.Bench.Streams;

/// <summary>
/// Reads one event stream answer through one buffer that every receive reuses: first the response head,
/// then the body (de-chunked in place), cut into lines that go to the handler as spans. Nothing is
/// allocated per event, so ten thousand streams cost their buffers and little else.
/// </summary>
/// <remarks>
/// Each <c>data:</c> line goes to the handler on its own; the modes publish single-line texts, so the
/// lines of one event are never joined. Lines end at LF (CRLF too); a line longer than the buffer
/// (the seed's <c>now online:</c> list with thousands of nicks) is skipped and counted, never split.
/// </remarks>
internal sealed class EventStreamReader(IDataLineHandler handler, int bufferSize = EventStreamReader.DefaultBufferSize)
{
    /// <summary>Room for a long response head and for any event the modes look at, many events per receive.</summary>
    public const int DefaultBufferSize = 4096;

    private readonly byte[] _buffer = new byte[bufferSize];

    // Bytes at the start of the buffer that wait for more: an unfinished head, or the start of a line.
    private int _held;
    private ChunkedBodyDecoder? _chunks;
    private bool _skippingLine;

    /// <summary>The response head, once it has arrived whole.</summary>
    public ResponseHead? Head { get; private set; }

    /// <summary>The start of the body of a refusal (anything but 200), for the error message.</summary>
    public string RefusalText { get; private set; } = "";

    /// <summary>Lines skipped because they did not fit the buffer.</summary>
    public int LongLinesSkipped { get; private set; }

    /// <summary>True when a chunked body has ended: the server closed the stream cleanly.</summary>
    public bool BodyEnded => _chunks?.Ended == true;

    /// <summary>Where the next receive writes.</summary>
    public Memory<byte> Free => _buffer.AsMemory(_held);

    /// <summary>Takes <paramref name="received"/> bytes just written to <see cref="Free"/>.</summary>
    public void Advance(int received)
    {
        if (Head is null)
        {
            _held += received;
            var end = _buffer.AsSpan(0, _held).IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                if (_held == _buffer.Length)
                {
                    throw new InvalidDataException($"the response head is longer than the {_buffer.Length}-byte buffer");
                }

                return;
            }

            Head = ResponseHead.Parse(_buffer.AsSpan(0, end));
            var bodyStart = end + 4;
            received = _held - bodyStart;
            _held = 0;
            if (Head.Status != 200)
            {
                RefusalText = Encoding.UTF8.GetString(_buffer, bodyStart, Math.Min(received, 300)).Trim();
                return;
            }

            _buffer.AsSpan(bodyStart, received).CopyTo(_buffer);
            _chunks = Head.Chunked ? new ChunkedBodyDecoder() : null;
        }

        var fresh = _buffer.AsSpan(_held, received);
        _held += _chunks is null ? received : _chunks.DecodeInPlace(fresh, out _);
        SplitLines();
    }

    private void SplitLines()
    {
        var held = _buffer.AsSpan(0, _held);
        var start = 0;
        int length;
        while ((length = held[start..].IndexOf((byte)'\n')) >= 0)
        {
            if (_skippingLine)
            {
                _skippingLine = false;
            }
            else
            {
                Dispatch(held.Slice(start, length));
            }

            start += length + 1;
        }

        var rest = _held - start;
        if (!_skippingLine && rest == _buffer.Length)
        {
            // One line fills the buffer and still has not ended: no room to read the rest of it.
            _skippingLine = true;
            LongLinesSkipped++;
        }

        if (_skippingLine)
        {
            rest = 0;
        }
        else if (start > 0)
        {
            held[start..].CopyTo(_buffer);
        }

        _held = rest;
    }

    private void Dispatch(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("data:"u8))
        {
            return; // comments (heartbeats), retry:, id:, event: and the blank line that ends an event
        }

        var data = line[5..];
        if (data.Length > 0 && data[^1] == '\r')
        {
            data = data[..^1];
        }

        handler.OnData(data.Length > 0 && data[0] == ' ' ? data[1..] : data);
    }
}
