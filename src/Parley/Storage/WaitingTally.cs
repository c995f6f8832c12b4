using System.Text;

namespace Parley.Storage;

/// <summary>One message waiting in one mailbox, as the quotas count it.</summary>
/// <param name="RecipientKey">The recipient's <see cref="Conversation.NickKey"/>.</param>
/// <param name="SenderKey">The sender's <see cref="Conversation.NickKey"/>.</param>
/// <param name="Bytes">The UTF-8 bytes of its text.</param>
/// <param name="RecipientRegistered">As decided when it started to wait: a guest's message stays a guest's until it goes.</param>
internal readonly record struct WaitingEntry(string RecipientKey, string SenderKey, long Bytes, bool RecipientRegistered)
{
    public static long BytesOf(string text) => Encoding.UTF8.GetByteCount(text);
}

/// <summary>
/// What waits in the offline mailboxes, counted per recipient, per sender and for guests together, so that checking a
/// draft against <see cref="MailboxQuotas"/> costs a dictionary lookup, never a count over the stored rows. A store keeps
/// it beside its rows (built from them at open) and changes it with every entry it adds or removes; only the store
/// thread touches it.
/// </summary>
internal sealed class WaitingTally
{
    private readonly Dictionary<string, int> _perRecipient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Messages, long Bytes)> _perSender = new(StringComparer.Ordinal);
    private int _guestMessages;
    private long _guestBytes;

    /// <summary>The quota <paramref name="entry"/> would go past, or null when it fits every one.</summary>
    public MailboxRefusal? Refuses(WaitingEntry entry, MailboxQuotas quotas)
    {
        if (_perRecipient.GetValueOrDefault(entry.RecipientKey) >= quotas.PerRecipient)
        {
            return new MailboxRefusal(MailboxQuota.PerRecipient, quotas.PerRecipient);
        }

        var sender = _perSender.GetValueOrDefault(entry.SenderKey);
        if (sender.Messages >= quotas.PerSender)
        {
            return new MailboxRefusal(MailboxQuota.PerSender, quotas.PerSender);
        }

        if (sender.Bytes + entry.Bytes > quotas.BytesPerSender)
        {
            return new MailboxRefusal(MailboxQuota.BytesPerSender, quotas.BytesPerSender);
        }

        // Registered nicks are bounded per recipient and per sender only: the guests' total is for nicks anyone may take.
        if (entry.RecipientRegistered)
        {
            return null;
        }

        if (_guestMessages >= quotas.ForGuests)
        {
            return new MailboxRefusal(MailboxQuota.ForGuests, quotas.ForGuests);
        }

        return _guestBytes + entry.Bytes > quotas.BytesForGuests ? new MailboxRefusal(MailboxQuota.BytesForGuests, quotas.BytesForGuests) : null;
    }

    public void Add(WaitingEntry entry) => Count(entry, 1, entry.Bytes);

    public void Remove(WaitingEntry entry) => Count(entry, -1, -entry.Bytes);

    /// <summary>Counts <paramref name="messages"/> entries alike but for their size; <paramref name="group"/>'s bytes are theirs together.</summary>
    public void AddGroup(WaitingEntry group, int messages) => Count(group, messages, group.Bytes);

    private void Count(WaitingEntry entry, int messages, long bytes)
    {
        // Keys at zero go, so a flood of distinct nicks leaves nothing behind once its messages are delivered or trimmed.
        var recipient = _perRecipient.GetValueOrDefault(entry.RecipientKey) + messages;
        if (recipient > 0)
        {
            _perRecipient[entry.RecipientKey] = recipient;
        }
        else
        {
            _perRecipient.Remove(entry.RecipientKey);
        }

        var sender = _perSender.GetValueOrDefault(entry.SenderKey);
        sender = (sender.Messages + messages, sender.Bytes + bytes);
        if (sender.Messages > 0)
        {
            _perSender[entry.SenderKey] = sender;
        }
        else
        {
            _perSender.Remove(entry.SenderKey);
        }

        if (!entry.RecipientRegistered)
        {
            _guestMessages += messages;
            _guestBytes += bytes;
        }
    }
}
