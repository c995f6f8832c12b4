using Parley.Storage;
using StackExchange.Redis;

namespace Parley.Redis;

/// <summary>What a call to Redis throws when Redis is down, slow or refusing: the node carries on and tries again.</summary>
internal static class RedisFailure
{
    // RedisTimeoutException is a TimeoutException, not a RedisException.
    public static bool IsTransient(Exception failure) => failure is RedisException or TimeoutException or StoreUnavailableException;
}
