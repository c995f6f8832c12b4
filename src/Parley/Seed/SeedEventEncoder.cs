using System.Buffers;
using System.Globalization;
using System.Text;
using Parley.Chat;
using Parley.Streams;

namespace Parley.Seed;

/// <summary>The seed's event texts, byte for byte: one <c>data:</c> line per event (the writer adds a message's <c>id:</c>, which seed clients ignore).</summary>
public sealed class SeedEventEncoder(TimeProvider time) : IEventEncoder
{
    private const int ChunkSize = 4096;

    public StreamFormat Format => StreamFormat.Seed;

    public bool SummarizesPresence => false;

    public void Write(ChatEvent chatEvent, IBufferWriter<byte> output)
    {
        if (chatEvent is Truncated or Kicked or Deleted)
        {
            return; // the seed has no such lines: its clients never resumed, were never kicked, never saw a line go
        }

        if (chatEvent is OnlineList online)
        {
            foreach (var _ in WriteOnlineList(online.Nicks, output, int.MaxValue))
            {
            }

            return;
        }

        SseWire.WriteData(output, Text(chatEvent));
        output.Write("\n"u8);
    }

    public IEnumerable<long> WriteInParts(ChatEvent chatEvent, IBufferWriter<byte> output, int partBytes)
    {
        if (chatEvent is not OnlineList online)
        {
            Write(chatEvent, output);
            return [];
        }

        return WriteOnlineList(online.Nicks, output, partBytes);
    }

    /// <summary>
    /// Straight into the response a few KB at a time: with thousands online, one joined string would be a
    /// large-object allocation per login, and a write per nick the most expensive part of it. Pauses once a part's
    /// worth is written (see <see cref="IEventEncoder.WriteInParts"/>).
    /// </summary>
    private static IEnumerable<long> WriteOnlineList(IReadOnlyList<string> nicks, IBufferWriter<byte> output, int partBytes)
    {
        output.Write("data: now online: "u8);
        var span = Chunk(output);
        var used = 0;
        long written = 0, pausedAt = 0;
        for (var i = 0; i < nicks.Count; i++)
        {
            var nick = nicks[i];
            if (span.Length - used < nick.Length + 2)
            {
                output.Advance(used);
                written += used;
                used = 0;
                if (written - pausedAt > partBytes - ChunkSize) // another chunk would take the part past its size
                {
                    pausedAt = written;
                    yield return written;
                }

                span = Chunk(output);
            }

            if (i > 0)
            {
                span[used++] = (byte)',';
                span[used++] = (byte)' ';
            }

            used += Encoding.ASCII.GetBytes(nick, span[used..]); // the nick rule allows ASCII only
        }

        output.Advance(used);
        output.Write("\n\n"u8);
    }

    // At most a chunk, however much room the writer offers, so that a part ends near the size asked for.
    private static Span<byte> Chunk(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(ChunkSize);
        return span.Length > ChunkSize ? span[..ChunkSize] : span;
    }

    public string Text(ChatEvent chatEvent) => chatEvent switch
    {
        Welcome welcome => $"Welcome {welcome.Nick}!",
        OnlineList online => "now online: " + string.Join(", ", online.Nicks),
        Joined joined => $"{joined.Nick} has joined.",
        Left left => $"{left.Nick} has left.",
        MessageEvent { Message: var m, View: MessageView.ToAll } => $"{m.From} to all: {m.Text}",
        MessageEvent { Message: var m, View: MessageView.Received } => $"{m.From}: {m.Text}",
        MessageEvent { Message: var m, View: MessageView.Sent } => $"You to {m.To}: {m.Text}",
        MessageEvent { Message: var m, View: MessageView.SentToOffline } => $"You to {m.To} (offline): {m.Text}",
        MessageEvent { Message: var m, View: MessageView.Waited } => $"{m.From} ({LocalStamp(m.SentAt)}): {m.Text}",
        _ => throw new ArgumentOutOfRangeException(nameof(chatEvent), chatEvent, "No seed text for this event."),
    };

    // The seed stamps with the server's local time, PHP's date("Y-m-d H:i").
    private string LocalStamp(DateTimeOffset sentAt) =>
        TimeZoneInfo.ConvertTime(sentAt, time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
