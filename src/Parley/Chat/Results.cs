namespace Parley.Chat;

public enum DeliveryState
{
    /// <summary>Queued for every open stream of the recipient (or of everyone).</summary>
    Online,

    /// <summary>Kept for a recipient who is offline.</summary>
    Stored,
}

public enum RejectionKind
{
    /// <summary>The request breaks a rule: 400.</summary>
    Invalid,

    /// <summary>A limit is reached for now and lifts later: 429.</summary>
    LimitReached,

    /// <summary>The store cannot take it now (stopping, behind, failing): 503, and nothing was kept.</summary>
    Unavailable,

    /// <summary>The request needs a session and has none: 401.</summary>
    Unauthenticated,

    /// <summary>The request may not act for that nick, or not from where it came: 403.</summary>
    Forbidden,

    /// <summary>The nick is someone else's (registered, or held by another session): 409.</summary>
    Conflict,

    /// <summary>The server is stopping and opens no new streams: 503 with <c>Retry-After</c> to a request that cannot read a <c>retry:</c>.</summary>
    Stopping,
}

/// <summary>Why the hub refused something: the field at fault and a reason that names the limit and its setting.</summary>
/// <param name="RetryAfter">When a limit that refills lets the request through again (a 429's <c>Retry-After</c>).</param>
public sealed record Rejection(RejectionKind Kind, string Field, string Reason, TimeSpan? RetryAfter = null);

public sealed record SendResult(ChatMessage? Message, DeliveryState Delivery, Rejection? Rejection)
{
    public static SendResult Accepted(ChatMessage message, DeliveryState delivery) => new(message, delivery, null);

    public static SendResult Rejected(Rejection rejection) => new(null, default, rejection);
}

/// <param name="TakesMailbox">The stream is its nick's first: it delivers what waited in the mailbox.</param>
/// <param name="RegisteredAfter">The newest message fanned out before the stream registered (the welcome's position).</param>
public sealed record ConnectResult(Rejection? Rejection, bool TakesMailbox = false, long RegisteredAfter = 0)
{
    public static ConnectResult Connected(bool takesMailbox, long registeredAfter) => new(null, takesMailbox, registeredAfter);

    public static ConnectResult TooManyStreams(int limit) => new(new Rejection(
        RejectionKind.LimitReached,
        "nick",
        $"this nick already has {limit} open streams, the most allowed (setting Parley:Chat:MaxStreamsPerNick)"));

    public static ConnectResult TooManyStreamsFromAddress(int limit) => new(new Rejection(
        RejectionKind.LimitReached,
        "address",
        $"this client address already has {limit} open streams, the most allowed (setting Parley:Limits:MaxStreamsPerAddress)"));
}

public sealed record OnlineUser(string Nick, int Streams);
