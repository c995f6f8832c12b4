using Parley.Accounts;
using Parley.Moderation;
using Parley.Redis;

namespace Parley.Cluster.Redis;

/// <summary>
/// This node's part in a chat of several: subscribes to presence, messages and claims, beats, counts closed streams,
/// and after Redis comes back reads what it missed; on stopping it leaves at once. Does nothing on a single node.
/// </summary>
public sealed partial class RedisNode(ClusterMode cluster, IServiceProvider services, ILogger<RedisNode> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!cluster.SpansNodes)
        {
            return;
        }

        var redis = services.GetRequiredService<RedisConnection>();
        var presence = services.GetRequiredService<RedisPresence>();
        var presenceFeed = services.GetRequiredService<PresenceFeed>();
        var messageFeed = services.GetRequiredService<MessageFeed>();
        var heartbeat = services.GetRequiredService<NodeHeartbeat>();
        var claims = services.GetRequiredService<NickClaims>();
        var bans = services.GetRequiredService<BanList>();
        var moderator = services.GetRequiredService<Moderator>();

        await presenceFeed.StartAsync().ConfigureAwait(false);
        await messageFeed.StartAsync().ConfigureAwait(false);
        await services.GetRequiredService<RedisClaims>().SubscribeAsync(claims).ConfigureAwait(false);
        await services.GetRequiredService<RedisModeration>().SubscribeAsync(moderator).ConfigureAwait(false);
        await claims.LoadAsync().ConfigureAwait(false); // what changed between the first load and the subscription
        await bans.LoadAsync().ConfigureAwait(false);
        await heartbeat.BeatAsync().ConfigureAwait(false);

        redis.Multiplexer.ConnectionRestored += (_, _) => _ = Task.Run(async () =>
        {
            // Pub/sub delivered nothing while the connection was down: read what the others did meanwhile.
            try
            {
                heartbeat.HoldOffReaping();
                await heartbeat.BeatAsync().ConfigureAwait(false);
                await presenceFeed.ResyncAsync().ConfigureAwait(false);
                await messageFeed.CatchUpAsync().ConfigureAwait(false);
                await claims.LoadAsync().ConfigureAwait(false);
                await moderator.CatchUpOnBansAsync().ConfigureAwait(false);
            }
            catch (Exception failure) when (RedisFailure.IsTransient(failure))
            {
                Log.CatchUpFailed(logger, failure); // down again: the next reconnect tries again, the heartbeat meanwhile
            }
        });

        _loops = Task.WhenAll(
            Task.Run(() => heartbeat.RunAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => heartbeat.WatchAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => presence.CountClosesAsync(_stopping.Token), CancellationToken.None));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!cluster.SpansNodes)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loops.ConfigureAwait(false);
        await services.GetRequiredService<NodeHeartbeat>().LeaveAsync().ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = 79, Level = LogLevel.Warning, Message = "Could not read what changed while Redis was unreachable; trying again")]
        public static partial void CatchUpFailed(ILogger logger, Exception failure);
    }
}
