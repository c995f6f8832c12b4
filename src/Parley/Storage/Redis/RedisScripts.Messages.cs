namespace Parley.Storage.Redis;

internal static partial class RedisScripts
{
    /// <summary>Fields per draft in <see cref="Append"/>'s ARGV, in the order <see cref="RedisMessageStore"/> writes them.</summary>
    public const int DraftFields = 10;

    /// <summary>
    /// ARGV: the five quotas, the channel, the highest id the node has seen (the counter is raised to it first), then per draft: from, to, text, conversation key, from key, to key, sent ms,
    /// sub-millisecond ticks, for mailbox (1|0), recipient registered (1|0). Returns per draft twice its id plus 1 when it
    /// waits in the mailbox, or minus (1 + the <see cref="MailboxQuota"/>) that refused it. Quotas are checked exactly as
    /// <see cref="WaitingTally"/> checks them, counting the drafts before in the batch. A draft for the mailbox whose
    /// recipient has a stream on some node by now (the nodes' shared stream counts) goes live instead: the node that
    /// decided had not heard of the stream yet, and the stream has read its mailbox already. The commit is published
    /// from here, so the channel sees commits in id order whichever node made them.
    /// </summary>
    public const string Append = Prelude + """
        local perRecipient, perSender, bytesPerSender = tonumber(ARGV[A + 1]), tonumber(ARGV[A + 2]), tonumber(ARGV[A + 3])
        local forGuests, bytesForGuests, channel = tonumber(ARGV[A + 4]), tonumber(ARGV[A + 5]), ARGV[A + 6]

        -- The highest id the committing node has seen: a Redis that lost its data must not give those ids again.
        if tonumber(ARGV[A + 7]) > number(redis.call('GET', ids)) then redis.call('SET', ids, ARGV[A + 7]) end

        local function refusal(to, from, bytes, registered)
          if redis.call('ZCARD', mailboxStem .. to) >= perRecipient then return 1 end
          if number(redis.call('HGET', tally, 'sm:' .. from)) >= perSender then return 2 end
          if number(redis.call('HGET', tally, 'sb:' .. from)) + bytes > bytesPerSender then return 3 end
          if registered == '1' then return nil end
          if number(redis.call('HGET', tally, 'gm')) >= forGuests then return 4 end
          if number(redis.call('HGET', tally, 'gb')) + bytes > bytesForGuests then return 5 end
          return nil
        end

        local results, published = {}, {}
        for i = A + 8, #ARGV, 10 do
          local f, t, x, c, fk, tk = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
          local s, u, m, r = ARGV[i + 6], ARGV[i + 7], ARGV[i + 8], ARGV[i + 9]
          if m == '1' and number(redis.call('HGET', streams, tk)) > 0 then m = '0' end
          local refused = m == '1' and refusal(tk, fk, #x, r) or nil
          if refused then
            results[#results + 1] = -refused
          else
            local given = redis.call('INCR', ids)
            local id = idOf(given)
            redis.call('XADD', log, id .. '-0', 'f', f, 't', t, 'x', x, 's', s, 'u', u, 'm', m, 'c', c)
            redis.call('ZADD', sent, s, id)
            redis.call('ZADD', convStem .. c, id, id)
            redis.call('SADD', convs, c)
            if c ~= room then
              redis.call('ZADD', directStem .. fk, id, id)
              redis.call('ZADD', directStem .. tk, id, id)
            end
            if m == '1' then wait(tk, id, r .. ' ' .. #x .. ' ' .. fk) end
            results[#results + 1] = given * 2 + (m == '1' and 1 or 0)
            published[#published + 1] = { i = id, f = f, t = t, x = x, s = s, u = u, m = m }
          end
        end

        if #published > 0 then redis.call('PUBLISH', channel, cjson.encode(published)) end
        return results
        """;

    /// <summary>
    /// KEYS after the leading ones: one or two indexes (sorted sets of ids). ARGV: "asc" or "desc", the exclusive
    /// bound, the limit. Returns the log entries of the first ids of the merged indexes, as XRANGE gives them.
    /// </summary>
    public const string Read = Prelude + """
        local ascending, bound, limit = ARGV[A + 1] == 'asc', '(' .. ARGV[A + 2], tonumber(ARGV[A + 3])
        local lists, at = {}, {}
        for k = K + 1, #KEYS do
          if ascending then
            lists[#lists + 1] = redis.call('ZRANGEBYSCORE', KEYS[k], bound, '+inf', 'LIMIT', 0, limit)
          else
            lists[#lists + 1] = redis.call('ZREVRANGEBYSCORE', KEYS[k], bound, '-inf', 'LIMIT', 0, limit)
          end
          at[#lists] = 1
        end

        local found = {}
        while #found < limit do
          local best
          for k = 1, #lists do
            local id = tonumber(lists[k][at[k]])
            if id and (not best or (ascending and id < best) or (not ascending and id > best)) then best = id end
          end
          if not best then break end
          for k = 1, #lists do
            if tonumber(lists[k][at[k]]) == best then at[k] = at[k] + 1 end
          end
          local id = idOf(best)
          local e = redis.call('XRANGE', log, id .. '-0', id .. '-0')[1]
          if e then found[#found + 1] = e end
        end
        return found
        """;

    /// <summary>ARGV: the id to raise the counter to, at least. Returns the counter.</summary>
    public const string EnsureIdsAbove = Prelude + """
        if tonumber(ARGV[A + 1]) > number(redis.call('GET', ids)) then redis.call('SET', ids, ARGV[A + 1]) end
        return number(redis.call('GET', ids))
        """;

    /// <summary>
    /// ARGV: the id. Removes the message from the log and every index and mailbox, without raising retention's marks (a
    /// deletion is no gap to announce). Returns the entry as XRANGE gave it, in a list of one, or an empty list.
    /// </summary>
    public const string Delete = Prelude + """
        local id = ARGV[A + 1]
        local found = redis.call('XRANGE', log, id .. '-0', id .. '-0')
        if #found == 0 then return {} end
        local e = entry(id)
        redis.call('XDEL', log, id .. '-0')
        redis.call('ZREM', sent, id)
        redis.call('ZREM', convStem .. e.c, id)
        if redis.call('EXISTS', convStem .. e.c) == 0 then redis.call('SREM', convs, e.c) end
        local a, b = pair(e.c)
        if a then
          for _, nick in ipairs({ a, b }) do
            redis.call('ZREM', directStem .. nick, id)
            unwait(nick, id)
          end
        end
        return found
        """;
}
