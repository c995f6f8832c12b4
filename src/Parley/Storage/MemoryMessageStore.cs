using Parley.Chat;

namespace Parley.Storage;

/// <summary>
/// Everything in this process's memory (<c>--store memory</c>): for tests and throwaway runs, as the seed kept it.
/// A restart loses it all. Only the store thread calls it, so it needs no lock.
/// </summary>
public sealed class MemoryMessageStore : IMessageStore
{
    // Oldest first; retention removes from the front of the list, so ids stay sorted.
    private readonly List<StoredEntry> _messages = [];

    // Per recipient key, the ids waiting (in order) and what each counts against the quotas.
    private readonly Dictionary<string, SortedDictionary<long, WaitingEntry>> _waiting = new(StringComparer.Ordinal);
    private readonly WaitingTally _tally = new();
    private readonly Dictionary<string, long> _removedThrough = new(StringComparer.Ordinal);

    public IAccountStore Accounts { get; } = new MemoryAccountStore();

    public long LastId { get; private set; }

    public void Open()
    {
    }

    public IReadOnlyList<Appended> Append(IReadOnlyList<MessageDraft> drafts, MailboxQuotas quotas)
    {
        var appended = new Appended[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var entry = draft.ForMailbox ? EntryFor(draft.To, draft.From, draft.Text, draft.RecipientRegistered) : default;
            if (draft.ForMailbox && _tally.Refuses(entry, quotas) is { } refusal)
            {
                appended[i] = Appended.Refused(refusal);
                continue;
            }

            var message = new ChatMessage(++LastId, draft.From, draft.To, draft.Text, draft.SentAt, draft.ForMailbox);
            _messages.Add(new StoredEntry(message, Conversation.KeyOf(draft.From, draft.To)));
            if (draft.ForMailbox)
            {
                AddWaiting(message.Id, entry);
            }

            appended[i] = Appended.Stored(message);
        }

        return appended;
    }

    public IReadOnlyList<ChatMessage> ReadFor(string nick, long after, int limit) =>
        [.. _messages.Skip(IndexAfter(after)).Select(entry => entry.Message).Where(message => message.Concerns(nick)).Take(limit)];

    public long RemovedThrough(string nick)
    {
        var key = Conversation.NickKey(nick);
        return _removedThrough
            .Where(pair => pair.Key == Conversation.Room || pair.Key.Split(' ').Contains(key))
            .Select(pair => pair.Value)
            .DefaultIfEmpty(0)
            .Max();
    }

    public IReadOnlyList<ChatMessage> Waiting(string nick, int limit)
    {
        if (!_waiting.TryGetValue(Conversation.NickKey(nick), out var entries))
        {
            return [];
        }

        return [.. entries.Keys.Select(Find).OfType<ChatMessage>().Take(limit)];
    }

    public void KeepWaiting(string nick, long messageId, bool recipientRegistered = false)
    {
        if (Find(messageId) is { } message)
        {
            AddWaiting(messageId, EntryFor(nick, message.From, message.Text, recipientRegistered));
        }
    }

    public void RemoveWaiting(string nick, long throughId)
    {
        var key = Conversation.NickKey(nick);
        if (_waiting.TryGetValue(key, out var entries))
        {
            foreach (var id in entries.Keys.TakeWhile(id => id <= throughId).ToList())
            {
                RemoveWaiting(entries, id);
            }

            if (entries.Count == 0)
            {
                _waiting.Remove(key);
            }
        }
    }

    public IReadOnlyList<ChatMessage> History(string nick, string? other, long before, int limit)
    {
        var conversation = other is null ? null : Nick.IsAll(other) ? Conversation.Room : Conversation.KeyOf(nick, other);
        return [.. _messages
            .Take(IndexAfter(before - 1))
            .Reverse<StoredEntry>()
            .Where(entry => conversation is null ? entry.Message.Concerns(nick) : entry.Conversation == conversation)
            .Select(entry => entry.Message)
            .Take(limit)];
    }

    public int Trim(DateTimeOffset sentBefore, int keepPerConversation)
    {
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        var removed = new HashSet<long>();

        // Newest first, so the first keepPerConversation of each conversation are the ones kept.
        for (var i = _messages.Count - 1; i >= 0; i--)
        {
            var entry = _messages[i];
            var count = kept[entry.Conversation] = kept.GetValueOrDefault(entry.Conversation) + 1;
            if (count > keepPerConversation || entry.Message.SentAt < sentBefore)
            {
                removed.Add(entry.Message.Id);
                _removedThrough[entry.Conversation] = Math.Max(_removedThrough.GetValueOrDefault(entry.Conversation), entry.Message.Id);
            }
        }

        _messages.RemoveAll(entry => removed.Contains(entry.Message.Id));
        foreach (var (key, entries) in _waiting.ToList())
        {
            foreach (var id in entries.Keys.Where(removed.Contains).ToList())
            {
                RemoveWaiting(entries, id);
            }

            if (entries.Count == 0)
            {
                _waiting.Remove(key);
            }
        }

        return removed.Count;
    }

    public ChatMessage? Delete(long id)
    {
        var index = IndexAfter(id - 1);
        if (index >= _messages.Count || _messages[index].Message.Id != id)
        {
            return null;
        }

        var message = _messages[index].Message;
        _messages.RemoveAt(index);
        foreach (var (key, entries) in _waiting.ToList())
        {
            RemoveWaiting(entries, id);
            if (entries.Count == 0)
            {
                _waiting.Remove(key);
            }
        }

        return message;
    }

    public void Dispose()
    {
    }

    /// <summary>The index of the first message with an id above <paramref name="id"/>.</summary>
    private int IndexAfter(long id)
    {
        int low = 0, high = _messages.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_messages[middle].Message.Id <= id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static WaitingEntry EntryFor(string recipient, string sender, string text, bool recipientRegistered) =>
        new(Conversation.NickKey(recipient), Conversation.NickKey(sender), WaitingEntry.BytesOf(text), recipientRegistered);

    /// <summary>Adds a mailbox entry and counts it, unless the message waits there already.</summary>
    private void AddWaiting(long id, WaitingEntry entry)
    {
        if (!_waiting.TryGetValue(entry.RecipientKey, out var entries))
        {
            _waiting.Add(entry.RecipientKey, entries = []);
        }

        if (entries.TryAdd(id, entry))
        {
            _tally.Add(entry);
        }
    }

    private void RemoveWaiting(SortedDictionary<long, WaitingEntry> entries, long id)
    {
        if (entries.Remove(id, out var entry))
        {
            _tally.Remove(entry);
        }
    }

    private ChatMessage? Find(long id)
    {
        var index = IndexAfter(id - 1);
        return index < _messages.Count && _messages[index].Message.Id == id ? _messages[index].Message : null;
    }

    private sealed record StoredEntry(ChatMessage Message, string Conversation);
}
