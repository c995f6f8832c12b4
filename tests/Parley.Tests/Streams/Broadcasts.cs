using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// Numbered broadcasts for the load-shaped tests: each text names its sender and its place in that sender's
/// sequence, so a stream's copy shows whether anything was lost, repeated or reordered.
/// </summary>
internal static class Broadcasts
{
    public static string Text(string sender, int number) => $"{sender}:{number}";

    /// <summary>One sender's numbered broadcasts, one after the other over a reused connection.</summary>
    public static async Task SendAsync(HttpClient client, string sender, int count, bool viaSeed)
    {
        for (var number = 0; number < count; number++)
        {
            if (viaSeed)
            {
                await Send.ViaSeedAsync(client, sender, "all", Text(sender, number), Timeouts.UnderLoad);
            }
            else
            {
                await Send.ViaApiAsync(client, sender, "all", Text(sender, number), Timeouts.UnderLoad);
            }
        }
    }

    public static bool IsBroadcast(string seedText) => seedText.Contains(" to all: ", StringComparison.Ordinal);

    /// <summary>
    /// Every sender's broadcasts, each exactly once and in the order sent. Sender nicks must not be
    /// prefixes of one another.
    /// </summary>
    public static void AssertCompleteAndInOrder(IReadOnlyList<string> received, IReadOnlyList<string> senders, int perSender, string stream)
    {
        Assert.True(
            received.Count(IsBroadcast) == senders.Count * perSender,
            $"{stream} received {received.Count(IsBroadcast)} broadcasts, expected {senders.Count * perSender}.");
        foreach (var sender in senders)
        {
            var expected = Enumerable.Range(0, perSender).Select(number => $"{sender} to all: {Text(sender, number)}");
            Assert.Equal(expected, received.Where(text => text.StartsWith(sender + " to all: ", StringComparison.Ordinal)));
        }
    }
}
