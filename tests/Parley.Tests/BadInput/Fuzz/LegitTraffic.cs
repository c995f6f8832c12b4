using Parley.Tests.Infrastructure;
using Parley.Tests.Streams;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>
/// The legitimate chat the fuzz runs beside: one seed-route sender's numbered broadcasts (a nick is either a
/// session's or the seed routes', never both), and what each bystander stream, on either protocol, received of them.
/// </summary>
internal static class LegitTraffic
{
    /// <summary>Sent after the numbered ones: everything a stream receives from the sender before it is counted.</summary>
    private const string Done = "done";

    public static IEnumerable<string> Expected(int count) =>
        Enumerable.Range(0, count).Select(number => $"{FuzzNicks.LegitSender} to all: {Broadcasts.Text(FuzzNicks.LegitSender, number)}");

    /// <summary>
    /// Sends <paramref name="count"/> broadcasts, each once <paramref name="pace"/> lets it so they spread over the
    /// fuzz, then the closing one.
    /// </summary>
    public static async Task SendAsync(HttpClient client, int count, SemaphoreSlim pace)
    {
        for (var number = 0; number < count; number++)
        {
            Assert.True(await pace.WaitAsync(Timeouts.UnderLoad, TestContext.Current.CancellationToken), "The fuzz stopped pacing the legitimate sender.");
            await Send.ViaSeedAsync(client, FuzzNicks.LegitSender, "all", Broadcasts.Text(FuzzNicks.LegitSender, number), Timeouts.UnderLoad);
        }

        await Send.ViaSeedAsync(client, FuzzNicks.LegitSender, "all", Done, Timeouts.UnderLoad);
    }

    /// <summary>The legitimate sender's broadcasts on <paramref name="stream"/>, in the seed's words, up to the closing one.</summary>
    public static async Task<List<string>> ReceiveAsync(SseReader stream, string owner)
    {
        var received = new List<string>();
        var prefix = FuzzNicks.LegitSender + " to all: ";
        while (true)
        {
            var block = await stream.NextBlockAsync(Timeouts.UnderLoad)
                ?? throw new EndOfStreamException($"{owner}'s stream ended after {received.Count} legitimate messages.");
            if (SeedWords.Of(block, owner) is { } text && text.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (text == prefix + Done)
                {
                    return received;
                }

                received.Add(text);
            }
        }
    }
}
