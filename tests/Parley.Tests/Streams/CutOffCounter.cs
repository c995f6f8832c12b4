using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>Streams closed for any of some reasons, summed from <c>parley.streams.closed</c>; by default the slow readers cut off.</summary>
internal sealed class CutOffCounter(ParleyServer server, params string[] reasons) : IDisposable
{
    private readonly ClosedStreamsCounter[] _counters =
        [.. (reasons.Length == 0 ? ["queue_full", "write_timeout"] : reasons).Select(reason => new ClosedStreamsCounter(server, reason))];

    public long Total => _counters.Sum(counter => counter.Total);

    /// <summary>Each reason's count, for a failure message.</summary>
    public override string ToString() => string.Join(", ", _counters.Select(counter => $"{counter.Total} {counter.Reason}"));

    public void Dispose()
    {
        foreach (var counter in _counters)
        {
            counter.Dispose();
        }
    }
}
