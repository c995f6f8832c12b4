using Microsoft.Extensions.Options;
using Parley.Redis;
using StackExchange.Redis;

namespace Parley.Cluster.Redis;

/// <summary>
/// Keeps this node alive in Redis and finds the nodes that are not. Every fifth of <see cref="RedisOptions.NodeTimeout"/>
/// it renews its own key, which expires after four fifths: a node that died (<c>kill -9</c>) is found by the next beat
/// of any other node after its key expired, so within the timeout, and the reaping script makes every nick that node
/// alone had leave, once, however many nodes find it together.
/// </summary>
public sealed partial class NodeHeartbeat(
    RedisConnection redis,
    NodeIdentity node,
    RedisPresence presence,
    MessageFeed messages,
    IOptions<RedisOptions> options,
    TimeProvider time,
    ILogger<NodeHeartbeat> logger)
{
    private long _reapFrom;

    private TimeSpan Interval => options.Value.NodeTimeout / 5;

    private TimeSpan Lifetime => options.Value.NodeTimeout - Interval;

    /// <summary>
    /// Beats until <paramref name="stopping"/>, every interval from the last start, on a loop of its own: nothing else
    /// it waits for (a catch-up behind the store thread, reaping other nodes) may let this node's key expire.
    /// </summary>
    public Task RunAsync(CancellationToken stopping) => EveryIntervalAsync(BeatAsync, stopping);

    /// <summary>Until <paramref name="stopping"/>: reads messages a failed gap left behind, and reaps the nodes that stopped beating.</summary>
    public Task WatchAsync(CancellationToken stopping) => EveryIntervalAsync(WatchOnceAsync, stopping);

    /// <summary>
    /// This node's connection is back after an outage: every node's key may have expired meanwhile, so it reaps nobody
    /// for a node timeout, the time the others need to beat again, instead of announcing all their nicks gone.
    /// </summary>
    public void HoldOffReaping() => Interlocked.Exchange(ref _reapFrom, (time.GetUtcNow() + options.Value.NodeTimeout).UtcTicks);

    /// <summary>Renews this node, and counts it again if Redis forgot it or a change may not have reached it.</summary>
    public async Task BeatAsync()
    {
        var wasAlive = (long)await redis.RoundTripAsync("PresenceBeat", database => database.ScriptEvaluateAsync(
            PresenceScripts.Beat, values: [redis.Keys.Prefix, node.Id, (long)Lifetime.TotalMilliseconds])).ConfigureAwait(false);
        if (wasAlive == 0 || presence.CountsDoubtful)
        {
            await presence.CountAgainAsync().ConfigureAwait(false);
        }
    }

    private async Task WatchOnceAsync()
    {
        if (messages.IsBehind)
        {
            await messages.CatchUpAsync().ConfigureAwait(false);
        }

        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _reapFrom))
        {
            return;
        }

        foreach (var other in await redis.RoundTripAsync("Nodes", database => database.SetMembersAsync(redis.Keys.Nodes)).ConfigureAwait(false))
        {
            var id = (string)other!;
            if (id != node.Id && !await redis.RoundTripAsync("NodeAlive", database => database.KeyExistsAsync(redis.Keys.NodeAlive(id))).ConfigureAwait(false))
            {
                var nicks = (long)await redis.RoundTripAsync(
                    "PresenceReap", database => database.ScriptEvaluateAsync(PresenceScripts.Reap, values: [redis.Keys.Prefix, id])).ConfigureAwait(false);
                if (nicks >= 0)
                {
                    Log.Reaped(logger, id, nicks);
                }
            }
        }
    }

    private async Task EveryIntervalAsync(Func<Task> step, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            try
            {
                await step().ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // Whatever it was (Redis down, or a bug), the loop goes on: a node that stops beating is counted dead.
                Log.BeatFailed(logger, failure);
            }

            var wait = Interval - time.GetElapsedTime(started);
            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>This node stops: it leaves at once instead of being found dead later.</summary>
    public async Task LeaveAsync()
    {
        try
        {
            await redis.RoundTripAsync("PresenceLeave", database => database.ScriptEvaluateAsync(PresenceScripts.Leave, values: [redis.Keys.Prefix, node.Id])).ConfigureAwait(false);
        }
        catch (Exception failure) when (RedisFailure.IsTransient(failure))
        {
            Log.BeatFailed(logger, failure); // the others find it dead instead
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 73, Level = LogLevel.Warning, Message = "Node {Node} stopped beating: its {Nicks} nicks are counted out")]
        public static partial void Reaped(ILogger logger, string node, long nicks);

        [LoggerMessage(EventId = 74, Level = LogLevel.Warning, Message = "A heartbeat step failed (Redis unreachable?); trying again at the next")]
        public static partial void BeatFailed(ILogger logger, Exception failure);
    }
}
