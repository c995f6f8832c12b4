using System.Buffers.Text;

namespace Parley.Bench.Streams;

/// <summary>
/// The text of one measured broadcast, <c>{sequence}:{timestamp}</c>: which broadcast it is, for counting
/// losses and duplicates, and the <see cref="System.Diagnostics.Stopwatch"/> timestamp at which it was sent,
/// for its latency. Publisher and subscribers share the process, so they share the clock.
/// </summary>
internal static class BroadcastPayload
{
    /// <summary>Two 20-digit numbers and the colon.</summary>
    public const int MaxLength = 41;

    public static int Write(Span<byte> destination, long sequence, long timestamp)
    {
        if (!Utf8Formatter.TryFormat(sequence, destination, out var first))
        {
            throw new ArgumentException("too small for a payload", nameof(destination));
        }

        destination[first] = (byte)':';
        if (!Utf8Formatter.TryFormat(timestamp, destination[(first + 1)..], out var second))
        {
            throw new ArgumentException("too small for a payload", nameof(destination));
        }

        return first + 1 + second;
    }

    /// <summary>Reads a payload; false for anything else, such as a ready marker.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out long sequence, out long timestamp)
    {
        timestamp = 0;
        return Utf8Parser.TryParse(payload, out sequence, out var first)
            && first < payload.Length && payload[first] == ':'
            && Utf8Parser.TryParse(payload[(first + 1)..], out timestamp, out var second)
            && first + 1 + second == payload.Length;
    }
}
