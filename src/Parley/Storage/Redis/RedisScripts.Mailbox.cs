namespace Parley.Storage.Redis;

internal static partial class RedisScripts
{
    /// <summary>
    /// ARGV: the nick key, the message id, recipient registered (1|0). Only a direct message to or from the nick is
    /// kept: retention finds a waiting message through its conversation's two nicks (the chat only ever keeps a
    /// message waiting for its recipient). Kept even if the nick has a stream on some node by now: that stream may have
    /// opened after its node passed the message, and a second copy at a later login beats none.
    /// </summary>
    public const string KeepWaiting = Prelude + """
        local nick, id, registered = ARGV[A + 1], ARGV[A + 2], ARGV[A + 3]
        local e = entry(id)
        if not e then return 0 end
        local a, b = pair(e.c)
        if nick ~= a and nick ~= b then return 0 end
        wait(nick, id, registered .. ' ' .. #e.x .. ' ' .. string.lower(e.f))
        return 1
        """;

    /// <summary>ARGV: the nick key, the highest id delivered.</summary>
    public const string RemoveWaiting = Prelude + """
        local nick = ARGV[A + 1]
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', mailboxStem .. nick, '-inf', ARGV[A + 2])) do unwait(nick, id) end
        return 0
        """;
}
