namespace Parley.Bench.Streams;

/// <summary>
/// Removes HTTP/1.1 chunked framing from a body as it arrives, in place: the body bytes of each piece are
/// moved to its start. A stream answer without a length comes chunked, and the chunk boundaries need not
/// fall between events, so the SSE lines are only split after this.
/// </summary>
internal sealed class ChunkedBodyDecoder
{
    private State _state = State.Size;
    private long _remaining;
    private bool _sizeHasDigits;
    private bool _trailerLineEmpty = true;

    private enum State
    {
        Size,
        SizeLineRest,
        Data,
        DataEnd,
        Trailer,
        Done,
    }

    /// <summary>True once the last chunk and its trailer went by: the body is complete.</summary>
    public bool Ended => _state == State.Done;

    /// <summary>
    /// Decodes <paramref name="input"/> and moves its body bytes to its start.
    /// </summary>
    /// <param name="consumed">How much of <paramref name="input"/> was read: all of it, unless the body ended inside it.</param>
    /// <returns>How many body bytes now start <paramref name="input"/>.</returns>
    public int DecodeInPlace(Span<byte> input, out int consumed)
    {
        var read = 0;
        var written = 0;
        while (read < input.Length && _state != State.Done)
        {
            if (_state == State.Data)
            {
                var take = (int)Math.Min(_remaining, input.Length - read);
                input.Slice(read, take).CopyTo(input[written..]);
                read += take;
                written += take;
                _remaining -= take;
                if (_remaining == 0)
                {
                    _state = State.DataEnd;
                }

                continue;
            }

            Step(input[read++]);
        }

        consumed = read;
        return written;
    }

    private void Step(byte b)
    {
        switch (_state)
        {
            case State.Size when HexValue(b) is var digit and >= 0:
                _remaining = checked((_remaining * 16) + digit);
                _sizeHasDigits = true;
                break;
            case State.Size or State.SizeLineRest when b == '\n':
                EndSizeLine();
                break;
            case State.Size:
                _state = State.SizeLineRest; // ';' extensions, the CR, stray white space: read to the line's end
                break;
            case State.DataEnd when b == '\n':
                _state = State.Size;
                break;
            case State.Trailer when b == '\n':
                if (_trailerLineEmpty)
                {
                    _state = State.Done;
                }

                _trailerLineEmpty = true;
                break;
            case State.Trailer when b != '\r':
                _trailerLineEmpty = false;
                break;
            default:
                break; // the CR before a LF, and whatever else sits on a line that is skipped
        }
    }

    private void EndSizeLine()
    {
        if (!_sizeHasDigits)
        {
            throw new InvalidDataException("a chunk size line holds no size");
        }

        _sizeHasDigits = false;
        _state = _remaining == 0 ? State.Trailer : State.Data;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
