using System.Text.Json;
using StackExchange.Redis;

namespace Parley.Storage.Redis;

/// <summary>
/// Accounts and guest holds in two Redis hashes, nick key to JSON. Every change is one atomic command or script, so
/// two nodes can never register one nick twice, nor give one nick to two guests.
/// </summary>
internal sealed class RedisAccountStore(RedisScriptRunner redis) : IAccountStore
{
    public IReadOnlyList<StoredAccount> Accounts() => redis.Call(database =>
        database.HashValues(redis.Keys.Accounts).Select(json => Read(json, RedisAccountJson.Default.StoredAccount)).ToList());

    public bool AddAccount(StoredAccount account) => redis.Call(database => database.HashSet(
        redis.Keys.Accounts,
        Conversation.NickKey(account.Nick),
        JsonSerializer.Serialize(account, RedisAccountJson.Default.StoredAccount),
        When.NotExists));

    public void UpdateAccount(string nick, string passwordHash, string stamp) => redis.Call(database =>
        database.ScriptEvaluate(RedisScripts.UpdateAccount, [redis.Keys.Accounts], [Conversation.NickKey(nick), passwordHash, stamp]));

    public IReadOnlyList<StoredGuestHold> GuestHolds() => redis.Call(database =>
        database.HashValues(redis.Keys.GuestHolds).Select(json => Read(json, RedisAccountJson.Default.RedisGuestHold).ToHold()).ToList());

    public bool SaveGuestHold(StoredGuestHold hold, DateTimeOffset now)
    {
        var at = RedisTime.Of(now);
        RedisValue[] arguments =
        [
            Conversation.NickKey(hold.Nick),
            JsonSerializer.Serialize(RedisGuestHold.Of(hold), RedisAccountJson.Default.RedisGuestHold),
            hold.SessionId,
            at.Milliseconds,
            at.Ticks,
        ];
        return (long)redis.Call(database => database.ScriptEvaluate(RedisScripts.SaveGuestHold, [redis.Keys.GuestHolds], arguments)) == 1;
    }

    public void RemoveGuestHold(string nick, string sessionId) => redis.Call(database =>
        database.ScriptEvaluate(RedisScripts.RemoveGuestHold, [redis.Keys.GuestHolds], [Conversation.NickKey(nick), sessionId]));

    public StoredBan AddBan(StoredBan ban) => redis.Call(database =>
    {
        var stored = ban with { Id = database.StringIncrement(redis.Keys.LastBanId) };
        database.HashSet(redis.Keys.Bans, stored.Id, JsonSerializer.Serialize(stored, RedisAccountJson.Default.StoredBan));
        return stored;
    });

    public IReadOnlyList<StoredBan> Bans() => redis.Call(database =>
        database.HashValues(redis.Keys.Bans).Select(json => Read(json, RedisAccountJson.Default.StoredBan)).OrderBy(ban => ban.Id).ToList());

    public bool RemoveBan(long id) => redis.Call(database => database.HashDelete(redis.Keys.Bans, id));

    private static T Read<T>(RedisValue json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)json).Span, type) ?? throw new JsonException($"A Redis account record is null: {json}");
}
