using System.Runtime.InteropServices;

namespace Parley.Chat;

public sealed partial class ChatHub
{
    /// <summary>
    /// What waits in this node's stream queues now, for the queue gauges: asked when metrics are collected (a scrape every
    /// few seconds; one walk answers both gauges, see <c>ChatMetrics.Observe</c>), it walks the streams under the lock, a
    /// read of one number each.
    /// </summary>
    public (long Total, long Largest) QueuedBytes()
    {
        long total = 0, largest = 0;
        lock (_gate)
        {
            foreach (var stream in CollectionsMarshal.AsSpan(_streams))
            {
                var queued = stream.QueuedBytes;
                total += queued;
                largest = Math.Max(largest, queued);
            }
        }

        return (total, largest);
    }

    /// <summary>How many streams are open now, and how many times one was opened or closed.</summary>
    public (int Open, long Changes) StreamCounts()
    {
        lock (_gate)
        {
            return (_streams.Count, _streamChanges);
        }
    }
}
