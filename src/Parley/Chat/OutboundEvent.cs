using System.Buffers;

namespace Parley.Chat;

/// <summary>
/// One event on its way to many streams. Each wire format encodes it at most once and every
/// recipient of that format shares the bytes, so a broadcast costs one serialization per format.
/// </summary>
public sealed class OutboundEvent(ChatEvent @event)
{
    private byte[]? _seed;
    private byte[]? _json;

    public ChatEvent Event { get; } = @event;

    /// <summary>
    /// About what the event takes on the wire, counted against a stream's budget while it waits in that stream's
    /// queue: the text and nicks in characters plus 64 for the framing and the JSON names around them.
    /// </summary>
    public int QueuedBytes { get; } = 64 + (@event is MessageEvent { Message: var message }
        ? message.Text.Length + message.From.Length + message.To.Length
        : 0);

    public ReadOnlyMemory<byte> EncodedBy(IEventEncoder encoder)
    {
        ref var slot = ref encoder.Format == StreamFormat.Seed ? ref _seed : ref _json;
        var bytes = Volatile.Read(ref slot);
        if (bytes is null)
        {
            // Two writer loops may race to encode; both produce the same bytes, the first one is kept.
            var encoded = new ArrayBufferWriter<byte>(128);
            encoder.Write(Event, encoded);
            bytes = encoded.WrittenSpan.ToArray();
            bytes = Interlocked.CompareExchange(ref slot, bytes, null) ?? bytes;
        }

        return bytes;
    }
}
