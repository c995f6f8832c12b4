using Parley.Chat;

namespace Parley.Cluster;

/// <summary>
/// Every message in id order, as a store several nodes share keeps it: what a node reads to fill a gap in what its
/// subscription delivered (pub/sub delivers at most once, and nothing while the connection is down).
/// </summary>
public interface IMessageLog
{
    /// <summary>Every message with an id above <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<ChatMessage> ReadLog(long after, int limit);

    /// <summary>Raises the id counter to at least <paramref name="id"/>: a Redis that lost its data must never give an id again.</summary>
    void EnsureIdsAbove(long id);

    /// <summary>
    /// This node saw <paramref name="id"/> (from any node): every later commit raises the counter to it first, so a Redis
    /// that came back without its data cannot give it again before the feed notices. Safe from any thread.
    /// </summary>
    void Seen(long id);
}
