using Parley.Chat;
using Parley.Protection;

namespace Parley.Storage;

/// <summary>
/// How much may wait in offline mailboxes, as <see cref="IMessageStore.Append"/> applies it: per recipient, per sender
/// (every recipient together) and for every nick nobody registered together, so that writing to many distinct offline
/// nicks cannot fill memory or disk. Bytes are the UTF-8 bytes of the text.
/// </summary>
public sealed record MailboxQuotas(int PerRecipient, int PerSender, long BytesPerSender, int ForGuests, long BytesForGuests)
{
    public static MailboxQuotas From(int perRecipient, LimitOptions limits) => new(
        perRecipient,
        limits.MaxWaitingPerSender,
        limits.MaxWaitingBytesPerSender,
        limits.MaxWaitingForGuests,
        limits.MaxWaitingBytesForGuests);
}

/// <summary>Which of the <see cref="MailboxQuotas"/> a draft would have gone past.</summary>
public enum MailboxQuota
{
    /// <summary>The recipient has as many messages waiting as one nick may (<c>Parley:Chat:MaxStoredPerNick</c>).</summary>
    PerRecipient,

    /// <summary>The sender has as many messages waiting, over every recipient, as one sender may.</summary>
    PerSender,

    /// <summary>The sender's waiting messages would take more bytes than one sender may.</summary>
    BytesPerSender,

    /// <summary>Nicks nobody registered have as many messages waiting, together, as guests may.</summary>
    ForGuests,

    /// <summary>The messages waiting for nicks nobody registered would take more bytes than guests may.</summary>
    BytesForGuests,
}

/// <summary>Why a draft was not stored: the quota it would have gone past, and that quota's value when it was applied.</summary>
public sealed record MailboxRefusal(MailboxQuota Quota, long Limit);

/// <summary>What became of one draft of an <see cref="IMessageStore.Append"/>: stored under its id, or refused.</summary>
public readonly record struct Appended(ChatMessage? Message, MailboxRefusal? Refusal)
{
    public static Appended Stored(ChatMessage message) => new(message, null);

    public static Appended Refused(MailboxRefusal refusal) => new(null, refusal);
}
