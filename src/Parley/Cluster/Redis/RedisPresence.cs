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
/// A call that failed marks the node's counts for counting again by the heartbeat, from what it counted itself.
/// </summary>
public sealed partial class RedisPresence(
    RedisConnection redis,
    NodeIdentity node,
    ChatHub hub,
    ILogger<RedisPresence> logger) : IChatBackplane, IDisposable
{
    // Closes waiting to be counted. Bounded: past this, the node is counted again from the hub instead.
    private const int MaxQueuedCloses = 100_000;
    private const int MaxClosesPerCall = 1_000;

    private readonly Channel<string> _closes = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxQueuedCloses)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    // What this node has counted in Redis, per nick key: the truth a recount writes back. Changed only by calls that
    // reached Redis (an open it admitted, a close sent), inside the shared section, so a recount, which waits for those
    // to end and keeps new ones out, never counts a stream twice or misses one whose open or close is in flight.
    private readonly Dictionary<string, (string Display, int Streams)> _counted = new(StringComparer.Ordinal);
    private readonly Lock _countedGate = new();
    private readonly SemaphoreSlim _recount = new(1, 1);
    private int _inFlight;
    private int _countsDoubtful;

    /// <summary>Set when a change may not have reached Redis; the heartbeat then counts this node's streams again.</summary>
    public bool CountsDoubtful => Volatile.Read(ref _countsDoubtful) == 1;

    public async ValueTask<Rejection?> OpeningStreamAsync(string nick, int limit, CancellationToken cancellationToken)
    {
        var key = Conversation.NickKey(nick);
        long total;
        try
        {
            total = await SharedAsync(async () =>
            {
                redis.EnsureConnected();
                var counted = (long)await redis.RoundTripAsync("PresenceOpen", database => database.ScriptEvaluateAsync(
                    PresenceScripts.Open, values: [redis.Keys.Prefix, node.Id, key, nick, limit])).ConfigureAwait(false);
                if (counted >= 0)
                {
                    Count(key, nick, +1);
                }

                return counted;
            }).ConfigureAwait(false);
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
        var key = Conversation.NickKey(nick);
        if (!_closes.Writer.TryWrite(key))
        {
            Count(key, nick, -1); // never sent: the recount takes it off
            MarkDoubtful();
        }
    }

    public async ValueTask<IReadOnlyList<OnlineUser>> OnlineUsersAsync(CancellationToken cancellationToken)
    {
        HashEntry[] entries;
        try
        {
            redis.EnsureConnected();
            entries = await redis.RoundTripAsync("StreamCounts", database => database.HashGetAllAsync(redis.Keys.StreamCounts)).ConfigureAwait(false);
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

    /// <summary>
    /// Makes this node's counts in Redis what it counted (see <see cref="CountsDoubtful"/>): after Redis lost them, or a
    /// call that failed may or may not have changed them. Opens and closes wait meanwhile.
    /// </summary>
    public async Task CountAgainAsync()
    {
        await _recount.WaitAsync().ConfigureAwait(false);
        try
        {
            while (Volatile.Read(ref _inFlight) > 0)
            {
                await Task.Delay(1).ConfigureAwait(false);
            }

            Volatile.Write(ref _countsDoubtful, 0);
            var values = new List<RedisValue> { redis.Keys.Prefix, node.Id };
            lock (_countedGate)
            {
                foreach (var (key, (display, streams)) in _counted)
                {
                    values.Add(key);
                    values.Add(display);
                    values.Add(streams);
                }
            }

            await redis.RoundTripAsync("PresenceReassert", database => database.ScriptEvaluateAsync(PresenceScripts.Reassert, values: [.. values])).ConfigureAwait(false);
        }
        catch
        {
            MarkDoubtful();
            throw;
        }
        finally
        {
            _recount.Release();
        }
    }

    public void Dispose() => _recount.Dispose();

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
                var stillOnline = await SharedAsync(async () =>
                {
                    foreach (var key in batch.Skip(2))
                    {
                        Count((string)key!, null, -1);
                    }

                    redis.EnsureConnected();
                    return (RedisValue[])(await redis.RoundTripAsync(
                        "PresenceClose", database => database.ScriptEvaluateAsync(PresenceScripts.Close, values: [.. batch])).ConfigureAwait(false))!;
                }).ConfigureAwait(false);
                hub.StillOnlineElsewhere(stillOnline.Select(nick => (string)nick!));
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // Whatever it was, the loop goes on and the recount puts Redis right.
                MarkDoubtful();
                Log.ClosesNotCounted(logger, batch.Count - 2, failure);
            }
        }
    }

    private void MarkDoubtful() => Volatile.Write(ref _countsDoubtful, 1);

    /// <summary>Runs a call that changes this node's counts; a recount waits for it, and new ones wait for a recount.</summary>
    private async Task<T> SharedAsync<T>(Func<Task<T>> call)
    {
        await _recount.WaitAsync().ConfigureAwait(false);
        Interlocked.Increment(ref _inFlight);
        _recount.Release();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void Count(string key, string? display, int change)
    {
        lock (_countedGate)
        {
            var (known, streams) = _counted.GetValueOrDefault(key);
            streams += change;
            if (streams > 0)
            {
                _counted[key] = (known ?? display ?? key, streams);
            }
            else
            {
                _counted.Remove(key);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 72, Level = LogLevel.Warning, Message = "{Count} closed streams could not be counted in Redis; they will be counted again")]
        public static partial void ClosesNotCounted(ILogger logger, int count, Exception failure);
    }
}
