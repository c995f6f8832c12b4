using System.Globalization;
using Parley.Chat;
using StackExchange.Redis;

namespace Parley.Storage.Redis;

/// <summary>Turns log entries (<c>&lt;id&gt;-0</c> with fields f, t, x, s, u, m) back into messages.</summary>
internal static class RedisMessageReader
{
    /// <summary>Entries as XRANGE gives them, and as the read scripts return them: [id, [field, value, ...]] each.</summary>
    public static List<ChatMessage> FromScript(RedisResult result)
    {
        var entries = (RedisResult[])result!;
        var messages = new List<ChatMessage>(entries.Length);
        foreach (var entry in entries)
        {
            var parts = (RedisResult[])entry!;
            var fields = (RedisValue[])parts[1]!;
            messages.Add(Message((string)parts[0]!, name => Field(fields, name)));
        }

        return messages;
    }

    public static List<ChatMessage> FromStream(StreamEntry[] entries) =>
        [.. entries.Select(entry => Message(entry.Id!, name => entry[name]))];

    private static ChatMessage Message(string streamId, Func<string, RedisValue> field)
    {
        var id = long.Parse(streamId.AsSpan(0, streamId.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        var ticks = field("u");
        var sentAt = new RedisTime((long)field("s"), ticks.IsNull ? 0 : (int)ticks).ToInstant();
        return new ChatMessage(id, field("f")!, field("t")!, field("x")!, sentAt, field("m") == "1");
    }

    private static RedisValue Field(RedisValue[] fields, string name)
    {
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            if (fields[i] == name)
            {
                return fields[i + 1];
            }
        }

        return RedisValue.Null;
    }
}
