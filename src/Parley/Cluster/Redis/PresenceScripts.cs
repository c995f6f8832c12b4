namespace Parley.Cluster.Redis;

/// <summary>
/// The shared presence as Lua, so that each change (a stream opened or closed, a node counted again or found dead) is
/// one atomic step in Redis, and a nick's arrival or departure is published exactly once, by the step that made it.
/// Every script takes the key prefix as ARGV[1]. Per nick (its lower-case key): <c>streams</c> counts its streams over
/// every node, <c>node:ID:streams</c> on one node, <c>display</c> holds how it is spelled; <c>presence-version</c>
/// numbers the arrivals and departures published on <c>presence</c> as <c>J&lt;version&gt; &lt;nick&gt;</c> and <c>L…</c>.
/// </summary>
internal static class PresenceScripts
{
    // Shared by the scripts below: takes n streams of a nick away from the total, announcing its departure at zero.
    private const string Release = """
        local function release(p, nick, n)
          local total = redis.call('HINCRBY', p .. 'streams', nick, -n)
          if total <= 0 then
            redis.call('HDEL', p .. 'streams', nick)
            local display = redis.call('HGET', p .. 'display', nick) or nick
            redis.call('HDEL', p .. 'display', nick)
            local version = redis.call('INCR', p .. 'presence-version')
            redis.call('PUBLISH', p .. 'presence', 'L' .. version .. ' ' .. display)
          end
        end

        local function arrive(p, nick, display, total, added)
          if total > 0 and total - added <= 0 then
            redis.call('HSET', p .. 'display', nick, display)
            local version = redis.call('INCR', p .. 'presence-version')
            redis.call('PUBLISH', p .. 'presence', 'J' .. version .. ' ' .. display)
          end
        end

        """;

    /// <summary>ARGV: prefix, node, nick key, display nick, limit. Returns the nick's streams over every node, or -1 when past the limit.</summary>
    public const string Open = Release + """
        local p, node, nick, display, limit = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
        local total = redis.call('HINCRBY', p .. 'streams', nick, 1)
        if total > limit then
          redis.call('HINCRBY', p .. 'streams', nick, -1)
          return -1
        end
        redis.call('HINCRBY', p .. 'node:' .. node .. ':streams', nick, 1)
        arrive(p, nick, display, total, 1)
        return total
        """;

    /// <summary>
    /// ARGV: prefix, node, then one nick key per closed stream. A close this node's count no longer holds (it was counted
    /// again since) changes nothing. Returns the nicks that still have streams (on other nodes).
    /// </summary>
    public const string Close = Release + """
        local p, node = ARGV[1], ARGV[2]
        local mine = p .. 'node:' .. node .. ':streams'
        local still = {}
        for i = 3, #ARGV do
          local nick = ARGV[i]
          local here = tonumber(redis.call('HGET', mine, nick) or '0')
          if here > 0 then
            if here == 1 then redis.call('HDEL', mine, nick) else redis.call('HINCRBY', mine, nick, -1) end
            release(p, nick, 1)
          end
          if redis.call('HEXISTS', p .. 'streams', nick) == 1 then still[#still + 1] = nick end
        end
        return still
        """;

    /// <summary>ARGV: prefix, node, lifetime in ms. Returns 0 when the node was not alive before (new, or counted dead meanwhile).</summary>
    public const string Beat = """
        local p, node, ttl = ARGV[1], ARGV[2], ARGV[3]
        local before = redis.call('SET', p .. 'node:' .. node .. ':alive', '1', 'PX', ttl, 'GET')
        redis.call('SADD', p .. 'nodes', node)
        if before then return 1 else return 0 end
        """;

    /// <summary>
    /// ARGV: prefix, node, then (nick key, display nick, streams) per nick this node has streams for. Makes the node's
    /// counts exactly these, announcing whoever arrives or leaves by it: after Redis lost them, or a close was not counted.
    /// </summary>
    public const string Reassert = Release + """
        local p, node = ARGV[1], ARGV[2]
        local mine = p .. 'node:' .. node .. ':streams'
        local before = {}
        local flat = redis.call('HGETALL', mine)
        for i = 1, #flat, 2 do before[flat[i]] = tonumber(flat[i + 1]) end
        redis.call('DEL', mine)
        for i = 3, #ARGV, 3 do
          local nick, display, count = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
          local had = before[nick] or 0
          before[nick] = nil
          redis.call('HSET', mine, nick, count)
          if count > had then
            arrive(p, nick, display, redis.call('HINCRBY', p .. 'streams', nick, count - had), count - had)
          elseif count < had then
            release(p, nick, had - count)
          end
        end
        for nick, had in pairs(before) do release(p, nick, had) end
        return 0
        """;

    /// <summary>ARGV: prefix, node. Takes a node that is not alive out of presence (every nick it alone had leaves); -1 when it is alive.</summary>
    public const string Reap = Release + """
        local p, node = ARGV[1], ARGV[2]
        if redis.call('EXISTS', p .. 'node:' .. node .. ':alive') == 1 then return -1 end
        local theirs = p .. 'node:' .. node .. ':streams'
        local flat = redis.call('HGETALL', theirs)
        for i = 1, #flat, 2 do release(p, flat[i], tonumber(flat[i + 1])) end
        redis.call('DEL', theirs)
        redis.call('SREM', p .. 'nodes', node)
        return #flat / 2
        """;

    /// <summary>ARGV: prefix, node. A node stopping: it is not alive any more, and its nicks that have no stream elsewhere leave.</summary>
    public const string Leave = """
        local p, node = ARGV[1], ARGV[2]
        redis.call('DEL', p .. 'node:' .. node .. ':alive')
        """ + Reap;

    /// <summary>ARGV: prefix. Who is online now: the presence version and every display nick, read together.</summary>
    public const string Snapshot = """
        local p = ARGV[1]
        return { redis.call('GET', p .. 'presence-version') or '0', redis.call('HVALS', p .. 'display') }
        """;
}
