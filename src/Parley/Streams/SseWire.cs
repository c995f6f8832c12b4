using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Parley.Streams;

/// <summary>
/// The SSE framing Parley writes. Hand-written rather than through <c>SseFormatter</c> because each
/// event is framed once and its bytes shared by every recipient, and the per-stream <c>id:</c> line is
/// written straight into the response pipe.
/// </summary>
public static class SseWire
{
    /// <summary>A comment with nothing to dispatch: proxies see traffic, EventSource sees nothing.</summary>
    public static ReadOnlySpan<byte> Heartbeat => ":\n\n"u8;

    public static byte[] Opening(TimeSpan retry) =>
        Encoding.UTF8.GetBytes($": parley\nretry: {(long)retry.TotalMilliseconds}\n\n");

    /// <summary>A block with only a <c>retry:</c>: the client's reconnection delay from now on, and no event.</summary>
    public static byte[] Retry(TimeSpan retry) =>
        Encoding.UTF8.GetBytes($"retry: {(long)retry.TotalMilliseconds}\n\n");

    /// <summary>Writes <c>id: {sequence}\n</c>.</summary>
    public static void WriteId(IBufferWriter<byte> writer, long sequence)
    {
        var span = writer.GetSpan(24);
        "id: "u8.CopyTo(span);
        Utf8Formatter.TryFormat(sequence, span[4..], out var written);
        span[4 + written] = (byte)'\n';
        writer.Advance(5 + written);
    }

    /// <summary>
    /// Writes <paramref name="data"/> as one <c>data:</c> line per line of text: a line break inside a
    /// message must not end the event early, and the client joins the lines back with <c>\n</c>.
    /// </summary>
    public static void WriteData(IBufferWriter<byte> output, ReadOnlySpan<char> data)
    {
        // SSE ends lines only at CR, LF and CRLF (not at U+2028 and the like, as EnumerateLines would).
        while (true)
        {
            var end = data.IndexOfAny('\r', '\n');
            output.Write("data: "u8);
            Encoding.UTF8.GetBytes(end < 0 ? data : data[..end], output);
            output.Write("\n"u8);
            if (end < 0)
            {
                return;
            }

            var breakLength = data[end] == '\r' && end + 1 < data.Length && data[end + 1] == '\n' ? 2 : 1;
            data = data[(end + breakLength)..];
        }
    }
}
