namespace Parley.Bench.Http;

/// <summary>Receives the value of one SSE <c>data:</c> line, without the field name and its optional space.</summary>
internal delegate void SseDataHandler(ReadOnlySpan<byte> data);

/// <summary>
/// Cuts an event-stream body into lines as its bytes arrive and hands each <c>data:</c> line's value on.
/// Comments, <c>id:</c>, <c>retry:</c> and the blank lines between events are skipped: the load modes count
/// messages, and both servers put each message on one data line. Lines end with LF or CRLF (a lone CR, which
/// the SSE format also allows, is sent by neither server).
/// </summary>
internal sealed class SseLineSplitter(SseDataHandler onData)
{
    private const int MaxLineLength = 64 * 1024;

    private readonly byte[] _line = new byte[MaxLineLength];
    private int _lineLength;

    public void Append(ReadOnlySpan<byte> body)
    {
        while (!body.IsEmpty)
        {
            var newline = body.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Keep(body);
                return;
            }

            if (_lineLength == 0)
            {
                OnLine(body[..newline]);
            }
            else
            {
                Keep(body[..newline]);
                OnLine(_line.AsSpan(0, _lineLength));
                _lineLength = 0;
            }

            body = body[(newline + 1)..];
        }
    }

    private void OnLine(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.StartsWith("data:"u8))
        {
            var value = line[5..];
            onData(value.Length > 0 && value[0] == (byte)' ' ? value[1..] : value);
        }
    }

    private void Keep(ReadOnlySpan<byte> part)
    {
        if (_lineLength + part.Length > MaxLineLength)
        {
            throw new InvalidDataException($"an event-stream line is longer than {MaxLineLength} bytes");
        }

        part.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += part.Length;
    }
}
