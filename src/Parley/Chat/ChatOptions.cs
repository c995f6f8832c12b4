using System.ComponentModel.DataAnnotations;

namespace Parley.Chat;

/// <summary>Limits of the chat itself, bound from <c>Parley:Chat</c>.</summary>
public sealed class ChatOptions
{
    public const string Section = "Parley:Chat";

    /// <summary>4,000: room for a long paragraph, far below anything that strains a stream or a URL.</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 4_000;

    /// <summary>16: one per browser tab of a heavy user; the seed had no limit.</summary>
    [Range(1, 10_000)]
    public int MaxStreamsPerNick { get; set; } = 16;

    /// <summary>1,000 waiting messages per offline nick, counted in the store: anyone may send as anyone, so an absent nick's mailbox must not grow without end.</summary>
    [Range(1, 1_000_000)]
    public int MaxStoredPerNick { get; set; } = 1_000;

    /// <summary>
    /// 65,536 joins and departures kept for streams that are behind on them: more than a leave and a rejoin of
    /// every stream one process holds here (the open-file limit is 20,000), so a reconnect storm fits whole. A
    /// seed stream further behind is cut off as slow; a JSON stream gets one list of who is online instead.
    /// </summary>
    [Range(16, 16_777_216)]
    public int PresenceBacklog { get; set; } = 65_536;
}
