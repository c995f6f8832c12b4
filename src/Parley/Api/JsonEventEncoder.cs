using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parley.Chat;
using Parley.Streams;

namespace Parley.Api;

/// <summary>Parley's own stream format: a named event and camelCase JSON data (the writer adds a message's <c>id:</c>).</summary>
public sealed class JsonEventEncoder : IEventEncoder
{
    // The data is read by JSON.parse, never spliced into HTML, so non-ASCII text can travel unescaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public StreamFormat Format => StreamFormat.Json;

    public bool SummarizesPresence => true;

    public IEnumerable<long> WriteInParts(ChatEvent chatEvent, IBufferWriter<byte> output, int partBytes)
    {
        if (chatEvent is not OnlineList online)
        {
            Write(chatEvent, output);
            yield break;
        }

        output.Write("event: online\ndata: "u8);
        using (var json = new Utf8JsonWriter(output, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("users");
            long pausedAt = 0;
            foreach (var nick in online.Nicks)
            {
                json.WriteStringValue(nick);
                if (json.BytesCommitted + json.BytesPending - pausedAt >= partBytes)
                {
                    json.Flush(); // into the output, which the caller flushes to the client before the next part
                    pausedAt = json.BytesCommitted;
                    yield return pausedAt;
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write("\n\n"u8);
    }

    public void Write(ChatEvent chatEvent, IBufferWriter<byte> output)
    {
        if (chatEvent is OnlineList)
        {
            foreach (var _ in WriteInParts(chatEvent, output, int.MaxValue))
            {
            }

            return;
        }

        output.Write("event: "u8);
        output.Write(EventName(chatEvent));
        output.Write("\ndata: "u8);
        using (var json = new Utf8JsonWriter(output, WriterOptions))
        {
            WriteData(json, chatEvent);
        }

        // JSON escapes every line break inside strings, so the data is always a single line.
        output.Write("\n\n"u8);
    }

    /// <summary>
    /// A <c>bye</c> event carrying the retry, then the <c>retry:</c> itself: EventSource honours the <c>retry:</c> only
    /// when it reconnects by itself, and the page, which reconnects on its own in some cases, reads the event.
    /// </summary>
    public void WriteFarewell(TimeSpan retry, IBufferWriter<byte> output)
    {
        output.Write("event: bye\ndata: "u8);
        using (var json = new Utf8JsonWriter(output, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("retry", (long)retry.TotalMilliseconds);
            json.WriteEndObject();
        }

        output.Write("\n\n"u8);
        output.Write(SseWire.Retry(retry));
    }

    private static ReadOnlySpan<byte> EventName(ChatEvent chatEvent) => chatEvent switch
    {
        Welcome => "welcome"u8,
        OnlineList => "online"u8,
        Joined => "joined"u8,
        Left => "left"u8,
        MessageEvent => "message"u8,
        Truncated => "truncated"u8,
        Kicked => "kicked"u8,
        Deleted => "deleted"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(chatEvent), chatEvent, "No JSON event for this event."),
    };

    private static void WriteData(Utf8JsonWriter json, ChatEvent chatEvent)
    {
        json.WriteStartObject();
        switch (chatEvent)
        {
            case Welcome welcome:
                json.WriteString("nick", welcome.Nick);
                json.WriteNumber("lastEventId", welcome.LastEventId);
                break;
            case Joined joined:
                json.WriteString("nick", joined.Nick);
                break;
            case Left left:
                json.WriteString("nick", left.Nick);
                break;
            case Truncated truncated:
                json.WriteNumber("lastEventId", truncated.LastEventId);
                json.WriteNumber("removedThrough", truncated.RemovedThrough);
                break;
            case Kicked kicked:
                json.WriteString("reason", kicked.Banned ? "banned" : "kicked");
                if (kicked.Until is { } until)
                {
                    json.WriteString("until", until.UtcDateTime);
                }

                break;
            case Deleted deleted:
                json.WriteNumber("id", deleted.Id);
                break;
            case MessageEvent { Message: var message, View: var view }:
                json.WriteNumber("id", message.Id);
                json.WriteString("from", message.From);
                json.WriteString("to", message.To);
                json.WriteString("text", message.Text);
                json.WriteString("sentAt", message.SentAt.UtcDateTime);
                json.WriteBoolean("stored", view is MessageView.SentToOffline or MessageView.Waited);
                break;
        }

        json.WriteEndObject();
    }
}
