using System.Reflection;
using System.Runtime.CompilerServices;
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
    // Each script by its name in RedisScripts, for the round-trip metric. The scripts are constants, so one reference each.
    private static readonly Dictionary<string, string> ScriptNames = typeof(RedisScripts)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .ToDictionary(
            field => string.Intern((string)field.GetRawConstantValue()!), // a literal in code is the interned instance
            field => field.Name,
            (IEqualityComparer<string>)ReferenceEqualityComparer.Instance);

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
        return Call(database => database.ScriptEvaluate(script, allKeys, allArguments), ScriptNames.GetValueOrDefault(script, "Script"));
    }

    /// <summary>
    /// Runs <paramref name="call"/>. Scripts go by their SHA1 (EVALSHA); StackExchange.Redis loads a script the server
    /// does not know (a restart, SCRIPT FLUSH: NOSCRIPT) and sends it again.
    /// </summary>
    /// <param name="operation">What the round-trip metric counts it as: the store method that made it, unless named.</param>
    public T Call<T>(Func<IDatabase, T> call, [CallerMemberName] string operation = "")
    {
        try
        {
            connection.EnsureConnected();
            return connection.RoundTrip(operation, call);
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
