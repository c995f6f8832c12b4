using Parley.Accounts;
using Parley.Chat;
using Parley.Redis;
using Parley.Storage;
using Parley.Storage.Redis;
using StackExchange.Redis;

namespace Parley.Cluster.Redis;

/// <summary>
/// Hands this node's hub every message any node committed, in id order, from the one subscription to <c>messages</c>
/// (the commit script publishes each batch), on this feed's own loop. Pub/sub delivers at most once, so the feed counts
/// ids: a batch that starts past the next id, or a reconnect, first reads what it missed from the message log. A direct
/// message whose recipient has no stream on any node by the time it arrives is put in the recipient's mailbox.
/// </summary>
public sealed partial class MessageFeed(
    RedisConnection redis,
    StoreThread store,
    IMessageStore storeItself,
    ChatHub hub,
    IRegisteredNicks registered,
    ILogger<MessageFeed> logger) : IDisposable
{
    private const int GapPage = 1_000;

    private readonly SemaphoreSlim _order = new(1, 1);
    private long _through;
    private int _behind;

    /// <summary>A gap could not be read (Redis was failing): <see cref="CatchUpAsync"/> must run even if no reconnect comes.</summary>
    public bool IsBehind => Volatile.Read(ref _behind) == 1;

    /// <summary>Subscribes, then starts the hub after the newest id now committed: everything after it comes through here.</summary>
    public async Task StartAsync()
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.Keys.Messages).ConfigureAwait(false);
        _through = await store.RunAsync(s => s.LastId).ConfigureAwait(false);
        hub.StartAfter(_through);
        queue.OnMessage(message => DeliverAsync(RedisCommitPayload.Parse(message.Message)));
    }

    /// <summary>After a reconnect: reads whatever was committed while the subscription was down.</summary>
    public async Task CatchUpAsync()
    {
        await _order.WaitAsync().ConfigureAwait(false);
        try
        {
            var through = _through;

            // Redis may have come back without its data; ids a client has seen must not be given again.
            await store.RunAsync(s => Log(s).EnsureIdsAbove(through)).ConfigureAwait(false);
            await FillGapAsync(long.MaxValue).ConfigureAwait(false);
            Volatile.Write(ref _behind, 0);
        }
        catch (Exception failure) when (RedisFailure.IsTransient(failure))
        {
            Volatile.Write(ref _behind, 1);
            Logs.GapNotFilled(logger, _through, failure);
        }
        finally
        {
            _order.Release();
        }
    }

    private async Task DeliverAsync(IReadOnlyList<ChatMessage> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await _order.WaitAsync().ConfigureAwait(false);
        try
        {
            if (batch[0].Id > _through + 1)
            {
                await FillGapAsync(batch[0].Id - 1).ConfigureAwait(false);
            }

            await PublishAsync([.. batch.Where(message => message.Id > _through)]).ConfigureAwait(false);
        }
        catch (Exception failure) when (RedisFailure.IsTransient(failure))
        {
            // The batch is not lost: the next batch finds the gap, or the catch-up reads it.
            Volatile.Write(ref _behind, 1);
            Logs.GapNotFilled(logger, _through, failure);
        }
        finally
        {
            _order.Release();
        }
    }

    /// <summary>Reads and publishes the committed messages after the last one published, up to <paramref name="upTo"/>.</summary>
    private async Task FillGapAsync(long upTo)
    {
        while (_through < upTo)
        {
            var after = _through;
            var missed = await store.RunAsync(s => Log(s).ReadLog(after, GapPage)).ConfigureAwait(false);
            var wanted = missed.Where(message => message.Id <= upTo).ToArray();
            if (wanted.Length == 0)
            {
                return; // retention took the rest, or nothing more was committed
            }

            Logs.GapFilled(logger, wanted.Length, after);
            await PublishAsync(wanted).ConfigureAwait(false);
        }
    }

    private async Task PublishAsync(ChatMessage[] messages)
    {
        if (messages.Length == 0)
        {
            return;
        }

        _through = messages[^1].Id;
        Log(storeItself).Seen(_through);
        var missed = hub.Publish(messages);
        if (missed.Count > 0)
        {
            // Every node that finds the recipient gone does this; a mailbox holds a message once. One call for the batch.
            var waiting = missed.Select(message => (message.To, message.Id, Registered: registered.IsRegistered(message.To))).ToArray();
            await store.RunAsync(s =>
            {
                foreach (var (to, id, isRegistered) in waiting)
                {
                    s.KeepWaiting(to, id, isRegistered);
                }
            }).ConfigureAwait(false);
        }
    }

    private static IMessageLog Log(IMessageStore store) =>
        store as IMessageLog ?? throw new InvalidOperationException("Several nodes need a store that keeps one log of every message (--store redis).");

    private static partial class Logs
    {
        [LoggerMessage(EventId = 75, Level = LogLevel.Information, Message = "Read {Count} messages after {After} that the subscription did not deliver")]
        public static partial void GapFilled(ILogger logger, int count, long after);

        [LoggerMessage(EventId = 76, Level = LogLevel.Warning, Message = "Messages after {After} could not be read from Redis yet; they will be when it answers")]
        public static partial void GapNotFilled(ILogger logger, long after, Exception failure);
    }

    public void Dispose() => _order.Dispose();
}
