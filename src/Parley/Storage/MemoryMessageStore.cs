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
    private readonly Dictionary<string, SortedSet<long>> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _removedThrough = new(StringComparer.Ordinal);

    public IAccountStore Accounts { get; } = new MemoryAccountStore();

    public long LastId { get; private set; }

    public void Open()
    {
    }

    public IReadOnlyList<ChatMessage?> Append(IReadOnlyList<MessageDraft> drafts, int mailboxLimit)
    {
        var stored = new ChatMessage?[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var recipient = Conversation.NickKey(draft.To);
            // A nick with nothing waiting has no set yet, and still counts as 0 against the limit.
            _waiting.TryGetValue(recipient, out var waiting);
            if (draft.ForMailbox && (waiting?.Count ?? 0) >= mailboxLimit)
            {
                continue;
            }

            var message = new ChatMessage(++LastId, draft.From, draft.To, draft.Text, draft.SentAt, draft.ForMailbox);
            _messages.Add(new StoredEntry(message, Conversation.KeyOf(draft.From, draft.To)));
            if (draft.ForMailbox)
            {
                if (waiting is null)
                {
                    _waiting.Add(recipient, waiting = []);
                }

                waiting.Add(message.Id);
            }

            stored[i] = message;
        }

        return stored;
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
        if (!_waiting.TryGetValue(Conversation.NickKey(nick), out var ids))
        {
            return [];
        }

        return [.. ids.Select(Find).OfType<ChatMessage>().Take(limit)];
    }

    public void KeepWaiting(string nick, long messageId)
    {
        var key = Conversation.NickKey(nick);
        if (Find(messageId) is null)
        {
            return;
        }

        if (!_waiting.TryGetValue(key, out var ids))
        {
            _waiting.Add(key, ids = []);
        }

        ids.Add(messageId);
    }

    public void RemoveWaiting(string nick, long throughId)
    {
        var key = Conversation.NickKey(nick);
        if (_waiting.TryGetValue(key, out var ids))
        {
            ids.RemoveWhere(id => id <= throughId);
            if (ids.Count == 0)
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
        foreach (var ids in _waiting.Values)
        {
            ids.RemoveWhere(removed.Contains);
        }

        return removed.Count;
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

    private ChatMessage? Find(long id)
    {
        var index = IndexAfter(id - 1);
        return index < _messages.Count && _messages[index].Message.Id == id ? _messages[index].Message : null;
    }

    private sealed record StoredEntry(ChatMessage Message, string Conversation);
}
