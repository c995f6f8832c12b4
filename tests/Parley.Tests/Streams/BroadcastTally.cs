using System.Buffers.Text;
using Parley.Bench.Streams;

namespace Parley.Tests.Streams;

/// <summary>
/// Counts numbered broadcasts (<c>s{sender}:{number} …</c>) on one stream of either protocol as they arrive,
/// checking that each sender's come once and in order, without keeping any text: a reader as quick as a
/// browser's, so that a burst of megabytes measures the server rather than the test's own parsing.
/// </summary>
internal sealed class BroadcastTally(int senders) : IDataLineHandler
{
    private readonly int[] _next = new int[senders];
    private int _received;
    private int _outOfOrder;

    public int Received => Volatile.Read(ref _received);

    public int OutOfOrder => Volatile.Read(ref _outOfOrder);

    public void OnData(ReadOnlySpan<byte> data)
    {
        // Seed: "s0 to all: s0:12 xxx"; JSON: {"id":…,"from":"s0","to":"all","text":"s0:12 xxx",…}.
        var text = data.IndexOf(" to all: "u8) is var seed and >= 0 ? data[(seed + " to all: ".Length)..]
            : data.IndexOf("\"text\":\""u8) is var json and >= 0 ? data[(json + "\"text\":\"".Length)..]
            : default;
        if (text.Length < 4 || text[0] != (byte)'s'
            || !Utf8Parser.TryParse(text[1..], out int sender, out var senderLength) || text[1 + senderLength] != (byte)':'
            || !Utf8Parser.TryParse(text[(2 + senderLength)..], out int number, out _) || sender >= _next.Length)
        {
            return; // not a numbered broadcast: a join, a departure, the welcome
        }

        if (number != _next[sender])
        {
            Interlocked.Increment(ref _outOfOrder);
        }

        _next[sender] = number + 1;
        Interlocked.Increment(ref _received);
    }
}
