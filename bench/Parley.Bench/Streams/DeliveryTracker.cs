namespace Parley.Bench.Streams;

/// <summary>
/// Which broadcasts one subscriber has received, one bit each, so a loss and a duplicate are counted
/// exactly, whatever order deliveries come in. Written by the one thread that reads the stream; the
/// counts may be read from elsewhere while it runs.
/// </summary>
internal sealed class DeliveryTracker(int broadcasts)
{
    private readonly ulong[] _seen = new ulong[(broadcasts + 63) / 64];
    private int _received;
    private int _duplicated;
    private int _stray;

    /// <summary>Distinct broadcasts received.</summary>
    public int Received => Volatile.Read(ref _received);

    public int Duplicated => Volatile.Read(ref _duplicated);

    /// <summary>Deliveries whose sequence was never published in this run.</summary>
    public int Stray => Volatile.Read(ref _stray);

    public int Lost => broadcasts - Received;

    public void Record(long sequence)
    {
        if ((ulong)sequence >= (ulong)broadcasts)
        {
            Volatile.Write(ref _stray, _stray + 1);
            return;
        }

        ref var word = ref _seen[sequence >> 6];
        var bit = 1UL << (int)(sequence & 63);
        if ((word & bit) != 0)
        {
            Volatile.Write(ref _duplicated, _duplicated + 1);
            return;
        }

        word |= bit;
        Volatile.Write(ref _received, _received + 1);
    }
}
