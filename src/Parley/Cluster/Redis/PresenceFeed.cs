using System.Globalization;
using Parley.Chat;
using Parley.Redis;
using StackExchange.Redis;

namespace Parley.Cluster.Redis;

/// <summary>
/// Tells the hub who arrives in and leaves the whole chat, from the one subscription to <c>presence</c>, in the order
/// Redis published them, on this feed's own loop (never on the Redis client's thread). Each event carries the presence
/// version; a gap (a message lost while the subscription was down) or a reconnect reads the whole list again.
/// </summary>
public sealed class PresenceFeed(RedisConnection redis, ChatHub hub) : IDisposable
{
    private readonly SemaphoreSlim _order = new(1, 1);
    private long _version = -1;

    public async Task StartAsync()
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.Keys.Presence).ConfigureAwait(false);
        await ResyncAsync().ConfigureAwait(false);
        queue.OnMessage(message => ApplyAsync(message.Message));
    }

    /// <summary>Reads who is online from Redis and tells the hub the difference.</summary>
    public async Task ResyncAsync()
    {
        await _order.WaitAsync().ConfigureAwait(false);
        try
        {
            var snapshot = (RedisResult[])(await redis.RoundTripAsync(
                "PresenceSnapshot", database => database.ScriptEvaluateAsync(PresenceScripts.Snapshot, values: [redis.Keys.Prefix])).ConfigureAwait(false))!;
            var version = long.Parse((string)snapshot[0]!, CultureInfo.InvariantCulture);
            var nicks = ((RedisResult[])snapshot[1]!).Select(nick => (string)nick!).ToArray();
            hub.ResetPresence(nicks);
            _version = version;
        }
        finally
        {
            _order.Release();
        }
    }

    private async Task ApplyAsync(RedisValue message)
    {
        var text = (string)message!;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 2 || !long.TryParse(text.AsSpan(1, space - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return;
        }

        await _order.WaitAsync().ConfigureAwait(false);
        bool gap;
        try
        {
            if (version <= _version)
            {
                return; // in the list already read
            }

            gap = _version >= 0 && version != _version + 1;
            if (!gap)
            {
                var nick = text[(space + 1)..];
                if (text[0] == 'J')
                {
                    hub.NickJoined(nick);
                }
                else
                {
                    hub.NickLeft(nick);
                }

                _version = version;
            }
        }
        finally
        {
            _order.Release();
        }

        if (gap)
        {
            try
            {
                await ResyncAsync().ConfigureAwait(false);
            }
            catch (Exception failure) when (RedisFailure.IsTransient(failure))
            {
                // Redis is going away: the reconnect reads the list again.
            }
        }
    }

    public void Dispose() => _order.Dispose();
}
