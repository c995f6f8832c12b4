using System.Text.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// What a stream delivered, in the seed's words for the stream's owner whichever kind the stream is, so that
/// one expected list fits seed and JSON streams alike and their sequences can be compared.
/// </summary>
internal static class SeedWords
{
    /// <summary>The event text of <paramref name="block"/>; null for blocks without an event (the opening, heartbeats).</summary>
    public static string? Of(string block, string owner)
    {
        if (!block.Split('\n').Any(line => line.StartsWith("data:", StringComparison.Ordinal)))
        {
            return null;
        }

        var name = SseReader.FieldOf(block, "event");
        if (name is null)
        {
            return SseReader.DataOf(block);
        }

        using var json = JsonDocument.Parse(SseReader.DataOf(block));
        var data = json.RootElement;
        return name switch
        {
            "welcome" => $"Welcome {data.GetProperty("nick").GetString()}!",
            "online" => "now online: " + string.Join(", ", data.GetProperty("users").EnumerateArray().Select(user => user.GetString())),
            "joined" => $"{data.GetProperty("nick").GetString()} has joined.",
            "left" => $"{data.GetProperty("nick").GetString()} has left.",
            "message" => MessageText(data, owner),
            _ => throw new InvalidDataException($"Unknown event '{name}' in [{block}]"),
        };
    }

    /// <summary>The texts of the next <paramref name="count"/> events, skipping blocks without one.</summary>
    public static async Task<List<string>> NextAsync(SseReader stream, string owner, int count)
    {
        var texts = new List<string>(count);
        while (texts.Count < count)
        {
            if (Of(await stream.NextEventAsync(), owner) is { } text)
            {
                texts.Add(text);
            }
        }

        return texts;
    }

    /// <summary>Reads blocks until <paramref name="messages"/> of them were broadcasts; returns every event text read.</summary>
    public static async Task<List<string>> ReadBroadcastsAsync(SseReader stream, string owner, int messages)
    {
        var texts = new List<string>(messages + 16);
        var seen = 0;
        while (seen < messages)
        {
            var block = await stream.NextBlockAsync(Timeouts.UnderLoad)
                ?? throw new EndOfStreamException($"{owner}'s stream ended after {seen} of {messages} broadcasts.");
            if (Of(block, owner) is { } text)
            {
                texts.Add(text);
                seen += Broadcasts.IsBroadcast(text) ? 1 : 0;
            }
        }

        return texts;
    }

    private static string MessageText(JsonElement data, string owner)
    {
        var from = data.GetProperty("from").GetString()!;
        var to = data.GetProperty("to").GetString()!;
        var text = data.GetProperty("text").GetString()!;
        var stored = data.GetProperty("stored").GetBoolean();
        if (string.Equals(to, "all", StringComparison.OrdinalIgnoreCase))
        {
            return $"{from} to all: {text}";
        }

        if (string.Equals(from, owner, StringComparison.OrdinalIgnoreCase))
        {
            return stored ? $"You to {to} (offline): {text}" : $"You to {to}: {text}";
        }

        return !stored && string.Equals(to, owner, StringComparison.OrdinalIgnoreCase)
            ? $"{from}: {text}"
            : throw new InvalidDataException($"A message {owner} should not see, or a waiting one (not used here): {data}");
    }
}
