using System.Text.Json;
using Parley.Accounts;
using Parley.Redis;
using Parley.Storage;
using StackExchange.Redis;

namespace Parley.Cluster.Redis;

/// <summary>
/// Accounts and guest holds changed on one node, told to the others on <c>claims</c> once the store has the change, so
/// that each node's NickClaims answers from memory what Redis holds. A node that may have missed some (its subscription
/// was down) reads them all again.
/// </summary>
public sealed class RedisClaims(RedisConnection redis, NodeIdentity node) : IClaimsBackplane
{
    public void AccountChanged(StoredAccount account) => Publish(new ClaimChange(node.Id, Account: account));

    public void HoldChanged(StoredGuestHold hold) => Publish(new ClaimChange(node.Id, Hold: hold));

    public void HoldEnded(string nick, string sessionId) => Publish(new ClaimChange(node.Id, Ended: new EndedHold(nick, sessionId)));

    /// <summary>Subscribes; what another node changes reaches <paramref name="claims"/>, on the feed's own loop.</summary>
    public async Task SubscribeAsync(NickClaims claims)
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.Keys.Claims).ConfigureAwait(false);
        queue.OnMessage(message =>
        {
            var change = JsonSerializer.Deserialize<ClaimChange>((byte[])message.Message!);
            if (change is null || change.Node == node.Id)
            {
                return; // this node changed its memory before it published
            }

            if (change.Account is { } account)
            {
                claims.AccountChangedElsewhere(account);
            }
            else if (change.Hold is { } hold)
            {
                claims.HoldChangedElsewhere(hold);
            }
            else if (change.Ended is { } ended)
            {
                claims.HoldEndedElsewhere(ended.Nick, ended.SessionId);
            }
        });
    }

    // Not awaited: a change the others miss (Redis down) they read when their subscription is back. PublishAsync even so:
    // the synchronous Publish can wait for the multiplexer's write lock, and this runs in request handlers.
    private void Publish(ClaimChange change) =>
        _ = redis.Multiplexer.GetSubscriber().PublishAsync(redis.Keys.Claims, JsonSerializer.SerializeToUtf8Bytes(change), CommandFlags.FireAndForget);

    private sealed record ClaimChange(string Node, StoredAccount? Account = null, StoredGuestHold? Hold = null, EndedHold? Ended = null);

    private sealed record EndedHold(string Nick, string SessionId);
}
