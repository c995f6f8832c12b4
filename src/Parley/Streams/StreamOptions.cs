using System.ComponentModel.DataAnnotations;

namespace Parley.Streams;

/// <summary>How SSE streams behave on the wire, bound from <c>Parley:Streams</c>.</summary>
public sealed class StreamOptions
{
    public const string Section = "Parley:Streams";

    /// <summary>
    /// 4 MiB of messages may wait for one stream beyond what its socket holds: a thousand of the longest
    /// messages, tens of thousands of short ones. A reader further behind is not keeping up with the chat and is
    /// cut off rather than slowing anyone else. Counted in bytes, not events, so that a burst of long messages
    /// and a burst of short ones weigh what they cost; it is not memory per stream, since every stream shares
    /// one copy of a broadcast. Joins and departures do not count (see ChatOptions.PresenceBacklog).
    /// </summary>
    [Range(65_536, 1_073_741_824)]
    public int QueueBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>15 s: below the common 30-60 s idle timeouts of proxies and load balancers.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// 30 s for one flush to reach the client. A write still pending after that means the reader stopped
    /// reading while the chat was quiet enough not to fill its queue.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// 5 s for a flush to complete while more events wait behind it. A reader that takes nothing for that long
    /// while the chat has more for it has stopped reading: waiting out the write timeout kept hundreds of frozen
    /// readers open, each holding socket buffers, through a burst that everyone else was receiving.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>3 s: the reconnection delay browsers use by default, sent explicitly as the <c>retry:</c> hint.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RetryHint { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// 10 s: a server that stops tells each open stream to come back after the retry hint plus a uniformly random part
    /// of this, so a thousand browsers return at about a hundred a second over 3-13 s instead of all in one second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryJitter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// 0: how long a node told to stop (SIGTERM) goes on listening before it closes its port. Its open streams are
    /// ended at once (each told when to come back); meanwhile <c>/readyz</c> answers 503 and a new stream request gets
    /// 200 with only a <c>retry:</c>, so a balancer that probes readiness takes the node out before connections are
    /// refused. Set it above the balancer's probe interval; the host's shutdown timeout is lengthened by as much.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// 1,000: once this many streams (and a quarter of those open) have opened or closed and the wave has passed, the
    /// server asks for one full compacting collection, so what the wave left goes back to the system (see
    /// WaveCompaction); 0 never.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int CompactAfterWave { get; set; } = 1_000;
}
