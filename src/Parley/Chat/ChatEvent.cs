namespace Parley.Chat;

/// <summary>What a stream receives, independent of the wire format that carries it.</summary>
public abstract record ChatEvent;

/// <summary>First event of every stream.</summary>
/// <param name="LastEventId">
/// Every message after this id reaches the stream: the position a client that has seen no message yet resumes from
/// if the stream drops before one arrives (the welcome itself carries no <c>id:</c>, so it never moves a position).
/// </param>
public sealed record Welcome(string Nick, long LastEventId) : ChatEvent;

/// <summary>The nicks that had a stream open before this one.</summary>
public sealed record OnlineList(IReadOnlyList<string> Nicks) : ChatEvent;

public sealed record Joined(string Nick) : ChatEvent;

public sealed record Left(string Nick) : ChatEvent;

/// <summary>
/// First on a resuming stream whose gap reached back past what retention keeps: messages after
/// <paramref name="LastEventId"/> up to <paramref name="RemovedThrough"/> are gone, and the oldest kept follow.
/// </summary>
public sealed record Truncated(long LastEventId, long RemovedThrough) : ChatEvent;

/// <summary>
/// Last on a stream an admin ended: <paramref name="Banned"/> when a ban ended it, until <paramref name="Until"/>. The JSON
/// protocol says so; the seed has no such line and just closes.
/// </summary>
public sealed record Kicked(bool Banned, DateTimeOffset? Until) : ChatEvent;

/// <summary>An admin deleted message <paramref name="Id"/>: pages take the line away. The seed has no such line.</summary>
public sealed record Deleted(long Id) : ChatEvent;

/// <summary>A message as one recipient sees it: the seed words a message differently for the sender and the receiver.</summary>
public sealed record MessageEvent(ChatMessage Message, MessageView View) : ChatEvent;

public enum MessageView
{
    /// <summary>A broadcast, to every stream including the sender's.</summary>
    ToAll,

    /// <summary>A direct message, on the recipient's streams.</summary>
    Received,

    /// <summary>The sender's own copy of a direct message that was delivered live.</summary>
    Sent,

    /// <summary>The sender's own copy of a direct message kept for an offline recipient.</summary>
    SentToOffline,

    /// <summary>A direct message that waited while the recipient was offline, delivered as the recipient comes online.</summary>
    Waited,
}
