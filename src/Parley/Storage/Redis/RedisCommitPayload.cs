using System.Globalization;
using System.Text.Json;
using Parley.Chat;
using StackExchange.Redis;

namespace Parley.Storage.Redis;

/// <summary>
/// Reads what a commit publishes on <see cref="Parley.Redis.RedisKeys.Messages"/>: a JSON array of the stored messages
/// in id order, each an object whose values are all strings (Lua 5.1 would write a large number as 1.7e+12):
/// <c>{"i":"42","f":"bob","t":"all","x":"hi","s":"1764532000000","u":"1234","m":"0"}</c>, where s is the sent time
/// in unix milliseconds and u the ticks within that millisecond. Keys come in any order; unknown keys are skipped.
/// </summary>
public static class RedisCommitPayload
{
    public static IReadOnlyList<ChatMessage> Parse(RedisValue payload) => Parse(((ReadOnlyMemory<byte>)payload).Span);

    /// <summary>Throws <see cref="JsonException"/> or <see cref="FormatException"/> for anything but such an array.</summary>
    public static IReadOnlyList<ChatMessage> Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        Expect(ref reader, JsonTokenType.StartArray);
        var messages = new List<ChatMessage>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            messages.Add(Message(ref reader));
        }

        return messages;
    }

    private static ChatMessage Message(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A commit payload holds objects, not {reader.TokenType}.");
        }

        string? id = null, from = null, to = null, text = null, sent = null, ticks = null, stored = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name is not ("i" or "f" or "t" or "x" or "s" or "u" or "m"))
            {
                reader.Skip(); // a key a later Parley added
                continue;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"A commit payload's \"{name}\" is {reader.TokenType}, not a string.");
            }

            var value = reader.GetString();
            switch (name)
            {
                case "i": id = value; break;
                case "f": from = value; break;
                case "t": to = value; break;
                case "x": text = value; break;
                case "s": sent = value; break;
                case "u": ticks = value; break;
                default: stored = value; break;
            }
        }

        var sentAt = new RedisTime(Number(sent, "s"), ticks is null ? 0 : (int)Number(ticks, "u")).ToInstant();
        return new ChatMessage(Number(id, "i"), Required(from, "f"), Required(to, "t"), Required(text, "x"), sentAt, stored == "1");
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"A commit payload has {reader.TokenType} where it should have {type}.");
        }
    }

    private static string Required(string? value, string key) => value ?? throw new JsonException($"A commit payload message has no \"{key}\".");

    private static long Number(string? value, string key) => long.Parse(Required(value, key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
