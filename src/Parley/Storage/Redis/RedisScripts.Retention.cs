namespace Parley.Storage.Redis;

internal static partial class RedisScripts
{
    /// <summary>ARGV: the nick key. The highest id removed from the room or from any direct conversation of the nick.</summary>
    public const string RemovedThrough = Prelude + """
        return math.max(number(redis.call('HGET', removed, room)), number(redis.call('HGET', removedDirect, ARGV[A + 1])))
        """;

    /// <summary>
    /// ARGV: how many to keep per conversation, the most to remove in this call, then conversation keys. Removes all
    /// but the newest of each, in order, until the budget is spent. Returns { removed, conversations finished }: the
    /// caller sends the unfinished ones again.
    /// </summary>
    public const string TrimCrowded = Prelude + """
        local keep, budget = tonumber(ARGV[A + 1]), tonumber(ARGV[A + 2])
        local removedNow, finished = 0, 0
        for i = A + 3, #ARGV do
          local key = convStem .. ARGV[i]
          local over = redis.call('ZCARD', key) - keep
          if over > 0 then
            local take = math.min(over, budget - removedNow)
            for _, id in ipairs(redis.call('ZRANGE', key, 0, take - 1)) do
              removedNow = removedNow + remove(id)
              redis.call('ZREM', key, id) -- in case the log lost it: the loop must move on
            end
            if take < over then return { removedNow, finished } end
          elseif redis.call('EXISTS', key) == 0 then
            redis.call('SREM', convs, ARGV[i])
          end
          finished = finished + 1
          if removedNow >= budget then return { removedNow, finished } end
        end
        return { removedNow, finished }
        """;

    /// <summary>
    /// ARGV: the cutoff's unix milliseconds and sub-millisecond ticks, the most to remove in this call. Removes what was
    /// sent before the cutoff, oldest first. Returns { removed, more to do (1|0) }. The sorted set's scores are whole
    /// milliseconds (a double cannot hold ticks exactly), so the cutoff's own millisecond is decided by the log entries.
    /// </summary>
    public const string TrimOld = Prelude + """
        local ms, ticks, budget = ARGV[A + 1], tonumber(ARGV[A + 2]), tonumber(ARGV[A + 3])
        local old = redis.call('ZRANGEBYSCORE', sent, '-inf', '(' .. ms, 'LIMIT', 0, budget)
        local removedNow = 0
        for _, id in ipairs(old) do removedNow = removedNow + remove(id) end
        if #old == budget then return { removedNow, 1 } end
        if ticks > 0 then
          for _, id in ipairs(redis.call('ZRANGEBYSCORE', sent, ms, ms)) do
            local e = entry(id)
            if e and number(e.u) < ticks then removedNow = removedNow + remove(id) end
          end
        end
        return { removedNow, 0 }
        """;
}
