using System.Text.Json;
using Parley.Chat;
using Parley.Moderation;
using Parley.Redis;
using Parley.Storage;
using StackExchange.Redis;

namespace Parley.Cluster.Redis;

/// <summary>
/// Admins' actions on one node, told to the others on <c>moderation</c>: each node kicks its own streams, keeps the bans
/// in its memory and tells its streams a message is gone. A node that may have missed some (its subscription was down)
/// reads the bans again; a kick or a deletion it missed meanwhile is not repeated (the store already lost the message).
/// </summary>
public sealed class RedisModeration(RedisConnection redis, NodeIdentity node) : IModerationBackplane
{
    public void Kicked(string nick) => Publish(new ModerationChange(node.Id, Kick: nick));

    public void Banned(StoredBan ban) => Publish(new ModerationChange(node.Id, Ban: ban));

    public void Lifted(long banId) => Publish(new ModerationChange(node.Id, Lift: banId));

    public void Deleted(ChatMessage message) => Publish(new ModerationChange(node.Id, Delete: message));

    /// <summary>Subscribes; what an admin does on another node reaches <paramref name="moderator"/>, off the Redis client's thread.</summary>
    public async Task SubscribeAsync(Moderator moderator)
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.Keys.Moderation).ConfigureAwait(false);
        queue.OnMessage(message =>
        {
            var change = JsonSerializer.Deserialize<ModerationChange>((byte[])message.Message!);
            if (change is null || change.Node == node.Id)
            {
                return; // this node applied it before it published
            }

            if (change.Kick is { } nick)
            {
                moderator.KickedElsewhere(nick);
            }
            else if (change.Ban is { } ban)
            {
                moderator.BannedElsewhere(ban);
            }
            else if (change.Lift is { } banId)
            {
                moderator.LiftedElsewhere(banId);
            }
            else if (change.Delete is { } deleted)
            {
                moderator.DeletedElsewhere(deleted);
            }
        });
    }

    // Not awaited, as the claims: a kick or a deletion is for the streams open now. PublishAsync even so: the synchronous
    // Publish can wait for the multiplexer's write lock, and this runs in request handlers, on the socket threads.
    private void Publish(ModerationChange change) =>
        _ = redis.Multiplexer.GetSubscriber().PublishAsync(redis.Keys.Moderation, JsonSerializer.SerializeToUtf8Bytes(change), CommandFlags.FireAndForget);

    private sealed record ModerationChange(string Node, string? Kick = null, StoredBan? Ban = null, long? Lift = null, ChatMessage? Delete = null);
}
