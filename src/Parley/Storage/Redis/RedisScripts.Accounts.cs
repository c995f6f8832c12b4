namespace Parley.Storage.Redis;

/// <summary>The account scripts: KEYS[1] is the hash they change; they need none of the message helpers.</summary>
internal static partial class RedisScripts
{
    /// <summary>ARGV: nick key, the new password hash, the new stamp. Changes nothing for a nick nobody registered.</summary>
    public const string UpdateAccount = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if not current then return 0 end
        local account = cjson.decode(current)
        account.passwordHash, account.stamp = ARGV[2], ARGV[3]
        redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(account))
        return 1
        """;

    /// <summary>
    /// ARGV: nick key, the hold's JSON, its session, now as unix milliseconds and sub-millisecond ticks. Keeps
    /// another session's hold that has not expired at now and returns 0; otherwise records the hold and returns 1.
    /// </summary>
    public const string SaveGuestHold = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if current then
          local held, ms, ticks = cjson.decode(current), tonumber(ARGV[4]), tonumber(ARGV[5])
          local expired = held.expiresMs < ms or (held.expiresMs == ms and held.expiresTicks <= ticks)
          if held.sessionId ~= ARGV[3] and not expired then return 0 end
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    /// <summary>ARGV: nick key, session. Ends the hold only if that session has it.</summary>
    public const string RemoveGuestHold = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if current and cjson.decode(current).sessionId == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end
        return 0
        """;
}
