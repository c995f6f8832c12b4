using System.Buffers;
using Parley.Streams;

namespace Parley.Chat;

public enum StreamFormat
{
    /// <summary>The seed's plain-text <c>data:</c> lines.</summary>
    Seed,

    /// <summary>Parley's named events with JSON data.</summary>
    Json,
}

/// <summary>Turns a chat event into the SSE lines of one wire format (everything but a message's <c>id:</c>, which the writer adds).</summary>
public interface IEventEncoder
{
    StreamFormat Format { get; }

    /// <summary>
    /// Whether a stream of this format that fell far behind on joins and departures may get one list of who is
    /// online instead of each of them. The seed's clients read every <c>has joined.</c> line, so its streams may not.
    /// </summary>
    bool SummarizesPresence { get; }

    /// <summary>Writes the event's lines, with the blank line that ends it, straight into <paramref name="output"/>.</summary>
    void Write(ChatEvent chatEvent, IBufferWriter<byte> output);

    /// <summary>
    /// Writes the event as <see cref="Write"/> does, pausing after about <paramref name="partBytes"/> so that the caller
    /// can flush between parts; each element is the bytes written so far. Only the list of who is online is long enough to
    /// need it: with thousands online it is tens of KB, and a connection's pipe keeps, for as long as it lives, as many
    /// buffer segments as it ever held at once.
    /// </summary>
    IEnumerable<long> WriteInParts(ChatEvent chatEvent, IBufferWriter<byte> output, int partBytes)
    {
        Write(chatEvent, output);
        yield break;
    }

    /// <summary>
    /// The last words of a stream the server ends as it stops: when to come back. The standard's <c>retry:</c>, alone in
    /// its block so that it dispatches no event (a seed client sees nothing new).
    /// </summary>
    void WriteFarewell(TimeSpan retry, IBufferWriter<byte> output) => output.Write(SseWire.Retry(retry));
}
