using System.Text.Json;
using Parley.Tests.Accounts;
using Parley.Tests.Infrastructure;
using Parley.Tests.Streams;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>
/// The legitimate chat the fuzz runs beside: rounds of numbered broadcasts, one from each bystander in turn (the
/// registered and the guest through their sessions, the seed user on the seed route), each sent once the one before
/// it was answered, so every stream must show them in exactly that order. A stream's record is every message it got
/// from a bystander's nick, in any letter case: anything there that a bystander did not send was sent in its name.
/// </summary>
internal static class LegitTraffic
{
    /// <summary>Sent after the numbered ones: everything a stream receives before it is counted.</summary>
    private const string Done = "done";

    public static IEnumerable<string> Expected(int rounds) =>
        from number in Enumerable.Range(0, rounds)
        from sender in FuzzNicks.Bystanders
        select $"{sender} to all: {Broadcasts.Text(sender, number)}";

    /// <summary>Sends <paramref name="rounds"/> rounds, each once <paramref name="pace"/> lets it so they spread over the fuzz, then the closing one.</summary>
    public static async Task SendAsync(FuzzBystanders bystanders, int rounds, SemaphoreSlim pace)
    {
        for (var number = 0; number < rounds; number++)
        {
            Assert.True(await pace.WaitAsync(Timeouts.UnderLoad, TestContext.Current.CancellationToken), "The fuzz stopped pacing the legitimate senders.");
            await SendAsync(bystanders.Registered, Broadcasts.Text(FuzzNicks.RegisteredBystander, number));
            await SendAsync(bystanders.Guest, Broadcasts.Text(FuzzNicks.GuestBystander, number));
            await Send.ViaSeedAsync(bystanders.Seed, FuzzNicks.SeedBystander, "all", Broadcasts.Text(FuzzNicks.SeedBystander, number), Timeouts.UnderLoad);
        }

        await Send.ViaSeedAsync(bystanders.Seed, FuzzNicks.SeedBystander, "all", Done, Timeouts.UnderLoad);
    }

    /// <summary>Every message from a bystander's nick on <paramref name="stream"/>, in the seed's words, up to the closing one.</summary>
    public static async Task<List<string>> ReceiveAsync(SseReader stream, string owner)
    {
        var received = new List<string>();
        var closing = $"{FuzzNicks.SeedBystander} to all: {Done}";
        while (true)
        {
            var block = await stream.NextBlockAsync(Timeouts.UnderLoad)
                ?? throw new EndOfStreamException($"{owner}'s stream ended after {received.Count} messages from bystanders.");
            if (MessageOf(block, owner) is not { } message
                || !FuzzNicks.Bystanders.Any(nick => string.Equals(nick, message.From, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (message.Words == closing)
            {
                return received;
            }

            received.Add(message.Words);
        }
    }

    /// <summary>The sender and the seed's words of a message block; null for anything else (only messages carry an id).</summary>
    private static (string From, string Words)? MessageOf(string block, string owner)
    {
        if (SseReader.FieldOf(block, "id") is null)
        {
            return null;
        }

        var data = SseReader.DataOf(block);
        if (SseReader.FieldOf(block, "event") is null)
        {
            // A seed line: "mary to all: hi", "mary: hi", "mary (date): hi", or "You to john: hi" for the owner's own.
            var end = data.IndexOfAny([' ', ':']);
            var from = data.StartsWith("You to ", StringComparison.Ordinal) ? owner : data[..(end < 0 ? data.Length : end)];
            return (from, data);
        }

        using var json = JsonDocument.Parse(data);
        var message = json.RootElement;
        var sender = message.GetProperty("from").GetString()!;
        return (sender, $"{sender} to {message.GetProperty("to").GetString()}: {message.GetProperty("text").GetString()}");
    }

    private static async Task SendAsync(Visitor visitor, string text)
    {
        var (status, body) = await Visitor.ReadAsync(visitor.SendAsync("all", text));
        Assert.True(status == 201, $"A bystander's send answered {status}: {body}");
    }
}
