using Parley.Redis;
using StackExchange.Redis;

namespace Parley.Storage.Redis;

/// <summary>
/// Every Redis call of the store goes through here: it fails fast while the connection is down, turns Redis's
/// failures into <see cref="StoreUnavailableException"/> (a send answers 503 with the reason), and gives every script
/// the leading KEYS and ARGV that <see cref="RedisScripts"/> expects.
/// </summary>
internal sealed class RedisScriptRunner(RedisConnection connection)
{
    private readonly RedisKey[] _leadingKeys =
    [
        connection.Keys.LastId,
        connection.Keys.Log,
        connection.Keys.SentTimes,
        connection.Keys.Conversations,
        connection.Keys.Tally,
        connection.Keys.RemovedThrough,
        connection.Keys.RemovedThroughDirect,
        connection.Keys.StreamCounts,
    ];

    // The per-name keys end with their name, so a stem is the key of the empty name.
    private readonly RedisValue[] _leadingArguments =
    [
        (string)connection.Keys.Conversation(string.Empty)!,
        (string)connection.Keys.Direct(string.Empty)!,
        (string)connection.Keys.Mailbox(string.Empty)!,
        (string)connection.Keys.MailboxEntries(string.Empty)!,
        Conversation.Room,
    ];

    public RedisKeys Keys => connection.Keys;

    /// <summary>Runs one of the message <see cref="RedisScripts"/> with <paramref name="keys"/> and <paramref name="arguments"/> after the leading ones.</summary>
    public RedisResult Evaluate(string script, ReadOnlySpan<RedisKey> keys, params ReadOnlySpan<RedisValue> arguments)
    {
        RedisKey[] allKeys = [.. _leadingKeys, .. keys];
        RedisValue[] allArguments = [.. _leadingArguments, .. arguments];
        return Call(database => database.ScriptEvaluate(script, allKeys, allArguments));
    }

    /// <summary>
    /// Runs <paramref name="call"/>. Scripts go by their SHA1 (EVALSHA); StackExchange.Redis loads a script the server
    /// does not know (a restart, SCRIPT FLUSH: NOSCRIPT) and sends it again.
    /// </summary>
    public T Call<T>(Func<IDatabase, T> call)
    {
        try
        {
            connection.EnsureConnected();
            return call(connection.Database);
        }
        catch (RedisServerException refused)
        {
            // Redis answered, with an error: out of memory, a failed disk write (MISCONF), a read-only replica.
            throw new StoreUnavailableException($"Redis at {connection.Endpoint} refused the command ({refused.Message}); nothing was kept, try again in a moment", refused);
        }
        catch (Exception failure) when (failure is RedisException or RedisTimeoutException or RedisConnectionException)
        {
            throw connection.Unreachable(failure);
        }
    }
}
