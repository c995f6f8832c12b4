using System.Globalization;
using Parley.Chat;
using Parley.Redis;
using StackExchange.Redis;

namespace Parley.Storage.Redis;

/// <summary>
/// Messages, mailboxes and accounts in a Redis that several nodes share (<c>--store redis</c>). Every message is an
/// entry of one Redis Stream, the log, under its id; ids come from one counter, so all nodes give one sequence.
/// Sorted sets of ids index the log per conversation, per nick's direct messages, by sent time and per mailbox
/// (a mailbox is not a stream: a message kept waiting after all joins it out of order). Each call is one script,
/// atomic on the server; a commit also publishes its messages from inside its script, so every node sees commits in
/// id order. As durable as the Redis is configured to be (appendfsync always, for no loss of an answered send).
/// </summary>
public sealed partial class RedisMessageStore : IMessageStore, Parley.Cluster.IMessageLog
{
    private readonly RedisConnection _connection;
    private readonly ILogger<RedisMessageStore> _logger;
    private readonly RedisScriptRunner _redis;
    private readonly RedisRetention _retention;

    // The highest message id this node has given or seen (Seen): every commit raises Redis's counter to it first.
    private long _seen;

    public RedisMessageStore(RedisConnection connection, ILogger<RedisMessageStore> logger)
    {
        _connection = connection;
        _logger = logger;
        _redis = new RedisScriptRunner(connection);
        _retention = new RedisRetention(_redis);
        Accounts = new RedisAccountStore(_redis);
    }

    public IAccountStore Accounts { get; }

    public long LastId => _redis.Call(database => (long?)database.StringGet(_redis.Keys.LastId) ?? 0);

    public void Open() => Log.Opened(_logger, _connection.Endpoint, _redis.Keys.Prefix, LastId);

    public IReadOnlyList<Appended> Append(IReadOnlyList<MessageDraft> drafts, MailboxQuotas quotas)
    {
        if (drafts.Count == 0)
        {
            return [];
        }

        var arguments = new RedisValue[7 + (drafts.Count * RedisScripts.DraftFields)];
        arguments[0] = quotas.PerRecipient;
        arguments[1] = quotas.PerSender;
        arguments[2] = quotas.BytesPerSender;
        arguments[3] = quotas.ForGuests;
        arguments[4] = quotas.BytesForGuests;
        arguments[5] = _redis.Keys.Messages.ToString();
        arguments[6] = Interlocked.Read(ref _seen);
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var sent = RedisTime.Of(draft.SentAt);
            var at = 7 + (i * RedisScripts.DraftFields);
            arguments[at] = draft.From;
            arguments[at + 1] = draft.To;
            arguments[at + 2] = draft.Text;
            arguments[at + 3] = Conversation.KeyOf(draft.From, draft.To);
            arguments[at + 4] = Conversation.NickKey(draft.From);
            arguments[at + 5] = Conversation.NickKey(draft.To);
            arguments[at + 6] = sent.Milliseconds;
            arguments[at + 7] = sent.Ticks;
            arguments[at + 8] = draft.ForMailbox ? "1" : "0";
            arguments[at + 9] = draft.RecipientRegistered ? "1" : "0";
        }

        var results = (long[])_redis.Evaluate(RedisScripts.Append, [], arguments)!;
        var appended = new Appended[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            if (results[i] > 0)
            {
                Seen(results[i] / 2);
            }

            appended[i] = results[i] > 0
                ? Appended.Stored(new ChatMessage(results[i] / 2, draft.From, draft.To, draft.Text, draft.SentAt, Stored: results[i] % 2 == 1))
                : Appended.Refused(Refusal((MailboxQuota)(-results[i] - 1), quotas));
        }

        return appended;
    }

    public IReadOnlyList<ChatMessage> ReadFor(string nick, long after, int limit) =>
        Read(ascending: true, bound: after, limit, _redis.Keys.Conversation(Conversation.Room), _redis.Keys.Direct(Conversation.NickKey(nick)));

    public long RemovedThrough(string nick) => (long)_redis.Evaluate(RedisScripts.RemovedThrough, [], Conversation.NickKey(nick));

    public IReadOnlyList<ChatMessage> Waiting(string nick, int limit) =>
        Read(ascending: true, bound: 0, limit, _redis.Keys.Mailbox(Conversation.NickKey(nick)));

    public void KeepWaiting(string nick, long messageId, bool recipientRegistered = false) =>
        _redis.Evaluate(RedisScripts.KeepWaiting, [], Conversation.NickKey(nick), messageId, recipientRegistered ? "1" : "0");

    public void RemoveWaiting(string nick, long throughId) =>
        _redis.Evaluate(RedisScripts.RemoveWaiting, [], Conversation.NickKey(nick), throughId);

    public IReadOnlyList<ChatMessage> History(string nick, string? other, long before, int limit) => other switch
    {
        null => Read(ascending: false, before, limit, _redis.Keys.Conversation(Conversation.Room), _redis.Keys.Direct(Conversation.NickKey(nick))),
        _ when Nick.IsAll(other) => Read(ascending: false, before, limit, _redis.Keys.Conversation(Conversation.Room)),
        _ => Read(ascending: false, before, limit, _redis.Keys.Conversation(Conversation.KeyOf(nick, other))),
    };

    public int Trim(DateTimeOffset sentBefore, int keepPerConversation) => _retention.Trim(sentBefore, keepPerConversation);

    public ChatMessage? Delete(long id) =>
        RedisMessageReader.FromScript(_redis.Evaluate(RedisScripts.Delete, [], id)) is [var message] ? message : null;

    /// <summary>Every message with an id above <paramref name="after"/>, oldest first, at most <paramref name="limit"/>: for a node that missed published commits to fill its gap.</summary>
    public IReadOnlyList<ChatMessage> ReadLog(long after, int limit) => limit <= 0
        ? []
        : _redis.Call(database => RedisMessageReader.FromStream(
            database.StreamRange(_redis.Keys.Log, minId: $"{after + 1}-0", maxId: "+", count: limit)));

    /// <summary>Raises the id counter to at least <paramref name="id"/>: a Redis that lost its data must never give again an id a client has seen.</summary>
    /// <summary>Thread-safe: the feed tells the store every id this node saw, so that no commit can go below it.</summary>
    public void Seen(long id)
    {
        var seen = Interlocked.Read(ref _seen);
        while (id > seen && Interlocked.CompareExchange(ref _seen, id, seen) is var found && found != seen)
        {
            seen = found;
        }
    }

    public void EnsureIdsAbove(long id) => _redis.Evaluate(RedisScripts.EnsureIdsAbove, [], id);

    /// <summary>The connection is the node's, shared with the cluster: it outlives the store.</summary>
    public void Dispose()
    {
    }

    private static MailboxRefusal Refusal(MailboxQuota quota, MailboxQuotas quotas) => new(quota, quota switch
    {
        MailboxQuota.PerRecipient => quotas.PerRecipient,
        MailboxQuota.PerSender => quotas.PerSender,
        MailboxQuota.BytesPerSender => quotas.BytesPerSender,
        MailboxQuota.ForGuests => quotas.ForGuests,
        _ => quotas.BytesForGuests,
    });

    private List<ChatMessage> Read(bool ascending, long bound, int limit, params ReadOnlySpan<RedisKey> indexes) => limit <= 0
        ? []
        : RedisMessageReader.FromScript(_redis.Evaluate(
            RedisScripts.Read,
            indexes,
            ascending ? "asc" : "desc",
            bound.ToString(CultureInfo.InvariantCulture),
            limit));

    private static partial class Log
    {
        [LoggerMessage(EventId = 37, Level = LogLevel.Information, Message = "Opened the message store in Redis at {Endpoint} under {Prefix}: last id {LastId}")]
        public static partial void Opened(ILogger logger, string endpoint, string prefix, long lastId);
    }
}
