using StackExchange.Redis;

namespace Parley.Storage.Redis;

/// <summary>
/// Trim in steps of at most <see cref="Step"/> messages per script, so that a sweep after a long pause never holds
/// Redis (and every node's sends) for long: a script blocks the whole server while it runs.
/// </summary>
internal sealed class RedisRetention(RedisScriptRunner redis)
{
    /// <summary>1,000 messages: a few milliseconds of Redis time per step, measured far below its 5 s busy-script limit.</summary>
    public const int Step = 1_000;

    // Conversation keys sent per TrimCrowded call; SSCAN pages of the same size.
    private const int ConversationsPerStep = 500;

    /// <summary>The newest of each conversation first, then by age: the same messages go as from the memory store, whose
    /// count per conversation includes the old ones.</summary>
    public int Trim(DateTimeOffset sentBefore, int keepPerConversation) =>
        TrimCrowded(keepPerConversation) + TrimOld(sentBefore);

    // Call around the whole walk: SSCAN runs page by page as the loop goes, and its failures must say "unavailable" too.
    private int TrimCrowded(int keepPerConversation) => redis.Call(database =>
    {
        var removed = 0;
        var batch = new List<RedisValue>(ConversationsPerStep);
        foreach (var conversation in database.SetScan(redis.Keys.Conversations, pageSize: ConversationsPerStep))
        {
            batch.Add(conversation);
            if (batch.Count == ConversationsPerStep)
            {
                removed += TrimCrowded(batch, keepPerConversation);
                batch.Clear();
            }
        }

        return removed + TrimCrowded(batch, keepPerConversation);
    });

    private int TrimCrowded(List<RedisValue> conversations, int keepPerConversation)
    {
        var removed = 0;
        var from = 0;
        while (from < conversations.Count)
        {
            RedisValue[] arguments = [keepPerConversation, Step, .. conversations.Skip(from)];
            var result = (long[])redis.Evaluate(RedisScripts.TrimCrowded, [], arguments)!;
            removed += (int)result[0];
            from += (int)result[1];
        }

        return removed;
    }

    private int TrimOld(DateTimeOffset sentBefore)
    {
        var cutoff = RedisTime.Of(sentBefore);
        var removed = 0;
        while (true)
        {
            var result = (long[])redis.Evaluate(RedisScripts.TrimOld, [], cutoff.Milliseconds, cutoff.Ticks, Step)!;
            removed += (int)result[0];
            if (result[1] == 0)
            {
                return removed;
            }
        }
    }
}
