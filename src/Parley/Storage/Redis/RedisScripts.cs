namespace Parley.Storage.Redis;

/// <summary>
/// The Lua that makes each store call one atomic round trip. Every script starts with <see cref="Prelude"/> and is
/// called through <see cref="RedisScriptRunner"/>, which passes the same leading KEYS and ARGV to all of them, so the
/// helpers below work in any script. Key names come from <see cref="Parley.Redis.RedisKeys"/>: the per-nick and
/// per-conversation ones as stems that the scripts complete. That is why Parley needs one Redis, not Redis Cluster.
/// Nicks are ASCII, so Lua's string.lower agrees with <see cref="Conversation.NickKey"/>.
/// </summary>
internal static partial class RedisScripts
{
    /// <summary>How many ARGV the runner puts before a script's own; a script's first is <c>ARGV[A + 1]</c>.</summary>
    public const int LeadingArguments = 5;

    /// <summary>How many KEYS the runner puts before a script's own; a script's first is <c>KEYS[K + 1]</c>.</summary>
    public const int LeadingKeys = 8;

    // A waiting message's mailbox entry is "<registered 0|1> <utf-8 bytes> <sender key>": all that the quotas need to
    // let it go again, without reading the message. Tally fields: sm:/sb: per sender, gm/gb for the guests together;
    // a field at zero goes, so delivered floods leave nothing behind.
    private const string Prelude = """
        local ids, log, sent, convs, tally, removed, removedDirect = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
        local streams = KEYS[8]
        local convStem, directStem, mailboxStem, entriesStem, room = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
        local A, K = 5, 8

        -- Lua 5.1 numbers are doubles: tostring would write a large id as 1.7e+12.
        local function idOf(n) return string.format('%d', n) end

        local function number(value) return tonumber(value or '0') or 0 end

        local function entry(id)
          local found = redis.call('XRANGE', log, id .. '-0', id .. '-0')[1]
          if not found then return nil end
          local fields, e = found[2], {}
          for i = 1, #fields, 2 do e[fields[i]] = fields[i + 1] end
          return e
        end

        local function add(field, by)
          if redis.call('HINCRBY', tally, field, by) <= 0 then redis.call('HDEL', tally, field) end
        end

        local function count(what, sign)
          local registered, bytes, sender = string.match(what, '^(%d) (%d+) (.+)$')
          add('sm:' .. sender, sign)
          add('sb:' .. sender, sign * tonumber(bytes))
          if registered == '0' then
            add('gm', sign)
            add('gb', sign * tonumber(bytes))
          end
        end

        local function wait(nick, id, what)
          if redis.call('ZADD', mailboxStem .. nick, 'NX', id, id) == 1 then
            redis.call('HSET', entriesStem .. nick, id, what)
            count(what, 1)
          end
        end

        local function unwait(nick, id)
          local what = redis.call('HGET', entriesStem .. nick, id)
          if what then
            redis.call('HDEL', entriesStem .. nick, id)
            redis.call('ZREM', mailboxStem .. nick, id)
            count(what, -1)
          end
        end

        -- The two nick keys of a direct conversation "a b"; nil for the room.
        local function pair(conversation)
          if conversation == room then return nil end
          return string.match(conversation, '^(%S+) (%S+)$')
        end

        local function raise(hash, field, id)
          if tonumber(id) > number(redis.call('HGET', hash, field)) then redis.call('HSET', hash, field, id) end
        end

        -- Removes one message everywhere it is indexed, remembering how far retention went; 1 if it was there.
        local function remove(id)
          redis.call('ZREM', sent, id)
          local e = entry(id)
          if not e then return 0 end
          redis.call('XDEL', log, id .. '-0')
          local c = e.c
          redis.call('ZREM', convStem .. c, id)
          if redis.call('EXISTS', convStem .. c) == 0 then redis.call('SREM', convs, c) end
          raise(removed, c, id)
          local a, b = pair(c)
          if a then
            for _, nick in ipairs({ a, b }) do
              redis.call('ZREM', directStem .. nick, id)
              raise(removedDirect, nick, id)
              unwait(nick, id)
            end
          end
          return 1
        end

        """;
}
