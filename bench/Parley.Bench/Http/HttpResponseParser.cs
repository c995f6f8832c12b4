using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Parley.Bench.Http;

/// <summary>
/// Reads one HTTP/1.1 response at a time from bytes as they arrive, however the reads split them: the status,
/// the headers that frame the body (<c>Content-Length</c>, <c>Transfer-Encoding: chunked</c>,
/// <c>Connection</c>) and the body, de-chunked. It allocates nothing per response, so the load loop spends the
/// shared CPU on requests rather than on itself.
/// </summary>
/// <remarks>
/// Feed it with <see cref="Advance"/> until <see cref="IsComplete"/>; call <see cref="EndOfStream"/> when the
/// server closes the connection, which ends a body that has neither a length nor chunks.
/// </remarks>
internal sealed class HttpResponseParser
{
    /// <summary>A status line, header line or chunk-size line longer than this is not a server we can measure.</summary>
    public const int MaxLineLength = 16 * 1024;

    private readonly byte[] _line = new byte[MaxLineLength];
    private int _lineLength;
    private State _state;
    private long _remaining;
    private long? _contentLength;
    private bool _chunked;
    private bool _http10;
    private bool _keepAliveHeader;
    private bool _bodiless;

    private enum State
    {
        StatusLine,
        Headers,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        BodyUntilClose,
        Complete,
    }

    public int Status { get; private set; }

    /// <summary>The status line and every header have been read: <see cref="Status"/> is final.</summary>
    public bool HeadComplete => _state is not (State.StatusLine or State.Headers);

    public bool IsComplete => _state == State.Complete;

    /// <summary>The server will close the connection after this response (it said so, or the body runs until it does).</summary>
    public bool ConnectionClose { get; private set; }

    /// <summary>Body bytes read so far, after de-chunking.</summary>
    public long BodyLength { get; private set; }

    /// <summary>Gets ready for the next response; <paramref name="bodiless"/> for the answer to a HEAD request.</summary>
    public void Reset(bool bodiless = false)
    {
        _state = State.StatusLine;
        _lineLength = 0;
        _bodiless = bodiless;
        ResetHead();
    }

    /// <summary>
    /// Consumes bytes of <paramref name="input"/> up to the end of the response or up to and including the next
    /// run of body bytes, which the returned part locates within <paramref name="input"/>. Call it again with the
    /// rest until the input is used up or the response is complete.
    /// </summary>
    public ParsedPart Advance(ReadOnlySpan<byte> input)
    {
        var at = 0;
        while (at < input.Length)
        {
            switch (_state)
            {
                case State.Complete:
                    return new ParsedPart(at, 0, 0);
                case State.FixedBody or State.ChunkData or State.BodyUntilClose:
                    return TakeBody(input, at);
                default:
                    var rest = input[at..];
                    var newline = rest.IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        AppendToLine(rest);
                        return new ParsedPart(input.Length, 0, 0);
                    }

                    at += newline + 1;
                    if (_lineLength == 0)
                    {
                        OnLine(TrimCarriageReturn(rest[..newline]));
                    }
                    else
                    {
                        AppendToLine(rest[..newline]);
                        OnLine(TrimCarriageReturn(_line.AsSpan(0, _lineLength)));
                        _lineLength = 0;
                    }

                    break;
            }
        }

        return new ParsedPart(at, 0, 0);
    }

    /// <summary>The server closed the connection: that ends a body read until close, and is an error anywhere else.</summary>
    public void EndOfStream()
    {
        if (_state == State.BodyUntilClose)
        {
            _state = State.Complete;
        }
        else if (_state != State.Complete)
        {
            throw new IOException(_state == State.StatusLine && _lineLength == 0
                ? "the server closed the connection without answering"
                : "the server closed the connection in the middle of a response");
        }
    }

    private ParsedPart TakeBody(ReadOnlySpan<byte> input, int at)
    {
        var available = input.Length - at;
        var take = _state == State.BodyUntilClose ? available : (int)Math.Min(_remaining, available);
        BodyLength += take;
        if (_state != State.BodyUntilClose)
        {
            _remaining -= take;
            if (_remaining == 0)
            {
                _state = _state == State.FixedBody ? State.Complete : State.ChunkDataEnd;
            }
        }

        return new ParsedPart(at + take, at, take);
    }

    private void OnLine(ReadOnlySpan<byte> line)
    {
        switch (_state)
        {
            case State.StatusLine:
                OnStatusLine(line);
                break;
            case State.Headers when line.IsEmpty:
                OnHeadEnd();
                break;
            case State.Headers:
                OnHeader(line);
                break;
            case State.ChunkSize:
                OnChunkSize(line);
                break;
            case State.ChunkDataEnd:
                _state = line.IsEmpty ? State.ChunkSize : throw Malformed("chunk data runs past its size", line);
                break;
            case State.Trailers:
                _state = line.IsEmpty ? State.Complete : State.Trailers;
                break;
            default:
                throw new InvalidOperationException($"no line is read in state {_state}");
        }
    }

    private void OnStatusLine(ReadOnlySpan<byte> line)
    {
        // "HTTP/1.1 200 OK": the version, a space, three digits.
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[8] != (byte)' '
            || !Utf8Parser.TryParse(line.Slice(9, 3), out int status, out var used) || used != 3 || status < 100)
        {
            throw Malformed("not an HTTP/1.x status line", line);
        }

        Status = status;
        _http10 = line[7] == (byte)'0';
        _state = State.Headers;
    }

    private void OnHeader(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw Malformed("a header line without a name", line);
        }

        var name = line[..colon];
        var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            _contentLength = Utf8Parser.TryParse(value, out long length, out var used) && used == value.Length && length >= 0
                ? length
                : throw Malformed("a bad Content-Length", line);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
        {
            // The last coding frames the message; "gzip, chunked" is still chunked.
            _chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
        {
            ConnectionClose |= ContainsIgnoreCase(value, "close"u8);
            _keepAliveHeader |= ContainsIgnoreCase(value, "keep-alive"u8);
        }
    }

    private void OnHeadEnd()
    {
        if (Status is >= 100 and < 200 and not 101)
        {
            // An interim answer (100 Continue): the real one follows on the same connection.
            ResetHead();
            _state = State.StatusLine;
            return;
        }

        // HTTP/1.0 closes after each response unless the server offered to keep the connection.
        ConnectionClose |= _http10 && !_keepAliveHeader;
        if (_bodiless || Status is 204 or 304 or 101)
        {
            _state = State.Complete;
        }
        else if (_chunked)
        {
            _state = State.ChunkSize;
        }
        else if (_contentLength is { } length)
        {
            _remaining = length;
            _state = length == 0 ? State.Complete : State.FixedBody;
        }
        else
        {
            // Neither a length nor chunks: the body is everything until the server closes (an SSE stream from nginx).
            ConnectionClose = true;
            _state = State.BodyUntilClose;
        }
    }

    private void OnChunkSize(ReadOnlySpan<byte> line)
    {
        var extension = line.IndexOf((byte)';');
        var digits = (extension < 0 ? line : line[..extension]).Trim((byte)' ');
        if (!Utf8Parser.TryParse(digits, out long size, out var used, 'X') || used != digits.Length || digits.IsEmpty)
        {
            throw Malformed("a bad chunk size", line);
        }

        _remaining = size;
        _state = size == 0 ? State.Trailers : State.ChunkData;
    }

    private void ResetHead()
    {
        Status = 0;
        ConnectionClose = false;
        BodyLength = 0;
        _remaining = 0;
        _contentLength = null;
        _chunked = false;
        _http10 = false;
        _keepAliveHeader = false;
    }

    private void AppendToLine(ReadOnlySpan<byte> part)
    {
        if (_lineLength + part.Length > MaxLineLength)
        {
            throw new InvalidDataException($"a response line is longer than {MaxLineLength} bytes");
        }

        part.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += part.Length;
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        for (var i = 0; i + token.Length <= value.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(value.Slice(i, token.Length), token))
            {
                return true;
            }
        }

        return false;
    }

    private static InvalidDataException Malformed(string what, ReadOnlySpan<byte> line) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{what}: '{Encoding.Latin1.GetString(line[..Math.Min(line.Length, 200)])}'"));
}

/// <summary>
/// What one <see cref="HttpResponseParser.Advance"/> call did: it consumed <see cref="Consumed"/> bytes, among them
/// <see cref="BodyCount"/> body bytes starting at <see cref="BodyOffset"/> (both relative to the input given).
/// </summary>
internal readonly record struct ParsedPart(int Consumed, int BodyOffset, int BodyCount);
