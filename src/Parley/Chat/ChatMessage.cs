namespace Parley.Chat;

/// <summary>A message the store committed. <paramref name="To"/> is a nick or <see cref="Nick.All"/>.</summary>
/// <param name="Id">Given by the store in commit order; never given twice.</param>
/// <param name="Stored">The recipient was offline, so it waited in their mailbox.</param>
public sealed record ChatMessage(long Id, string From, string To, string Text, DateTimeOffset SentAt, bool Stored = false)
{
    public bool IsBroadcast => Nick.IsAll(To);

    /// <summary>Whether <paramref name="nick"/> sent it, received it or was in the room for it.</summary>
    public bool Concerns(string nick) => IsBroadcast || Nick.SameNick(From, nick) || Nick.SameNick(To, nick);
}
