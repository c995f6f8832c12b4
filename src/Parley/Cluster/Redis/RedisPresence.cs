using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Parley.Chat;
using Parley.Redis;
using Parley.Storage;
using StackExchange.Redis;

namespace Parley.Cluster.Redis;

/// <summary>
/// Streams counted per nick over every node, in Redis: a stream opening is one script call the request awaits (it
/// checks the per-nick limit over every node and publishes the nick's arrival if it is its first stream anywhere);
/// closes are queued and sent in batches by one loop, so a thousand streams ending together cost a few round trips.
/// A close that could not be counted (Redis was down) marks the node's counts for counting again by the heartbeat.
/// </summary>
public sealed partial class RedisPresence(
    RedisConnection redis,
    NodeIdentity node,
    ChatHub hub,
    ILogger<RedisPresence> logger) : IChatBackplane
{
    // Closes waiting to be counted. Bounded: past this, the node is counted again from the hub instead.
    private const int MaxQueuedCloses = 100_000;
    private const int MaxClosesPerCall = 1_000;

    private readonly Channel<string> _closes = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxQueuedCloses)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private int _countsDoubtful;

    /// <summary>Set when a change may not have reached Redis; the heartbeat then counts this node's streams again.</summary>
    public bool CountsDoubtful => Volatile.Read(ref _countsDoubtful) == 1;

    public async ValueTask<Rejection?> OpeningStreamAsync(string nick, int limit, CancellationToken cancellationToken)
    {
        long total;
        try
        {
            redis.EnsureConnected();
            var result = await redis.Database.ScriptEvaluateAsync(
                PresenceScripts.Open, values: [redis.Keys.Prefix, node.Id, Conversation.NickKey(nick), nick, limit]).ConfigureAwait(false);
            total = (long)result;
        }
        catch (Exception failure) when (RedisFailure.IsTransient(failure))
        {
            MarkDoubtful(); // a timeout may have counted the stream after all
            return new Rejection(RejectionKind.Unavailable, "redis", $"Redis at {redis.Endpoint} is unreachable, so streams cannot be counted; reconnect in a moment");
        }

        return total < 0 ? ConnectResult.TooManyStreams(limit).Rejection : null;
    }

    public void StreamClosed(string nick)
    {
        if (!_closes.Writer.TryWrite(Conversation.NickKey(nick)))
        {
            MarkDoubtful();
        }
    }

    public async ValueTask<IReadOnlyList<OnlineUser>> OnlineUsersAsync(CancellationToken cancellationToken)
    {
        HashEntry[] entries;
        try
        {
            redis.EnsureConnected();
            entries = await redis.Database.HashGetAllAsync(redis.Keys.StreamCounts).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is RedisException or TimeoutException)
        {
            throw redis.Unreachable(failure);
        }

        var counts = entries.ToDictionary(entry => (string)entry.Name!, entry => (int)entry.Value, StringComparer.Ordinal);
        return [.. hub.OnlineNicks()
            .Select(nick => new OnlineUser(nick, counts.GetValueOrDefault(Conversation.NickKey(nick))))
            .Where(user => user.Streams > 0)];
    }

    /// <summary>Counts queued closes in Redis until <paramref name="stopping"/>; runs for the node's life.</summary>
    public async Task CountClosesAsync(CancellationToken stopping)
    {
        var batch = new List<RedisValue>(MaxClosesPerCall + 2);
        try
        {
            while (await _closes.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                await CountQueuedClosesAsync(batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await CountQueuedClosesAsync(batch).ConfigureAwait(false); // what closed as the node stopped
        }
    }

    /// <summary>Makes this node's counts in Redis the hub's, after they may have drifted (see <see cref="CountsDoubtful"/>).</summary>
    public async Task CountAgainAsync()
    {
        Volatile.Write(ref _countsDoubtful, 0);
        var values = new List<RedisValue> { redis.Keys.Prefix, node.Id };
        foreach (var (nick, streams) in hub.LocalStreams())
        {
            values.Add(Conversation.NickKey(nick));
            values.Add(nick);
            values.Add(streams);
        }

        try
        {
            await redis.Database.ScriptEvaluateAsync(PresenceScripts.Reassert, values: [.. values]).ConfigureAwait(false);
        }
        catch
        {
            MarkDoubtful();
            throw;
        }
    }

    private async Task CountQueuedClosesAsync(List<RedisValue> batch)
    {
        while (true)
        {
            batch.Clear();
            batch.Add(redis.Keys.Prefix);
            batch.Add(node.Id);
            while (batch.Count < MaxClosesPerCall + 2 && _closes.Reader.TryRead(out var nick))
            {
                batch.Add(nick);
            }

            if (batch.Count == 2)
            {
                return;
            }

            try
            {
                redis.EnsureConnected();
                var stillOnline = (RedisValue[])(await redis.Database.ScriptEvaluateAsync(PresenceScripts.Close, values: [.. batch]).ConfigureAwait(false))!;
                hub.StillOnlineElsewhere(stillOnline.Select(nick => (string)nick!));
            }
            catch (Exception failure) when (RedisFailure.IsTransient(failure))
            {
                MarkDoubtful();
                Log.ClosesNotCounted(logger, batch.Count - 2, failure);
            }
        }
    }

    private void MarkDoubtful() => Volatile.Write(ref _countsDoubtful, 1);

    private static partial class Log
    {
        [LoggerMessage(EventId = 72, Level = LogLevel.Warning, Message = "{Count} closed streams could not be counted in Redis; they will be counted again")]
        public static partial void ClosesNotCounted(ILogger logger, int count, Exception failure);
    }
}
