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
    private TimeSpan Interval => options.Value.NodeTimeout / 5;

    private TimeSpan Lifetime => options.Value.NodeTimeout - Interval;

    /// <summary>Beats until <paramref name="stopping"/>; a failed beat (Redis down) is tried again at the next.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await BeatAsync().ConfigureAwait(false);
            }
            catch (Exception failure) when (RedisFailure.IsTransient(failure))
            {
                Log.BeatFailed(logger, failure);
            }

            try
            {
                await Task.Delay(Interval, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One beat: renew this node, count it again if Redis forgot it or a change may be missing, read messages a failed
    /// gap left behind, reap the dead.
    /// </summary>
    public async Task BeatAsync()
    {
        var database = redis.Database;
        var wasAlive = (long)await database.ScriptEvaluateAsync(
            PresenceScripts.Beat, values: [redis.Keys.Prefix, node.Id, (long)Lifetime.TotalMilliseconds]).ConfigureAwait(false);
        if (wasAlive == 0 || presence.CountsDoubtful)
        {
            await presence.CountAgainAsync().ConfigureAwait(false);
        }

        if (messages.IsBehind)
        {
            await messages.CatchUpAsync().ConfigureAwait(false);
        }

        foreach (var other in await database.SetMembersAsync(redis.Keys.Nodes).ConfigureAwait(false))
        {
            var id = (string)other!;
            if (id != node.Id && !await database.KeyExistsAsync(redis.Keys.NodeAlive(id)).ConfigureAwait(false))
            {
                var nicks = (long)await database.ScriptEvaluateAsync(PresenceScripts.Reap, values: [redis.Keys.Prefix, id]).ConfigureAwait(false);
                if (nicks >= 0)
                {
                    Log.Reaped(logger, id, nicks);
                }
            }
        }
    }

    /// <summary>This node stops: it leaves at once instead of being found dead later.</summary>
    public async Task LeaveAsync()
    {
        try
        {
            await redis.Database.ScriptEvaluateAsync(PresenceScripts.Leave, values: [redis.Keys.Prefix, node.Id]).ConfigureAwait(false);
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

        [LoggerMessage(EventId = 74, Level = LogLevel.Warning, Message = "This node's heartbeat did not reach Redis; trying again")]
        public static partial void BeatFailed(ILogger logger, Exception failure);
    }
}
