using System.ComponentModel.DataAnnotations;

namespace Parley.Streams;

/// <summary>How SSE streams behave on the wire, bound from <c>Parley:Streams</c>.</summary>
public sealed class StreamOptions
{
    public const string Section = "Parley:Streams";

    /// <summary>
    /// 1,000 events may wait for one stream beyond what the socket holds. A reader further behind than
    /// that is not keeping up with the chat and is cut off rather than slowing anyone else.
    /// </summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>15 s: below the common 30-60 s idle timeouts of proxies and load balancers.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// 30 s for one flush to reach the client. A write still pending after that means the reader stopped
    /// reading while the chat was quiet enough not to fill its queue.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>3 s: the reconnection delay browsers use by default, sent explicitly as the <c>retry:</c> hint.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RetryHint { get; set; } = TimeSpan.FromSeconds(3);
}
