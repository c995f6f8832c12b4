namespace Parley.Redis;

internal static partial class RedisLog
{
    [LoggerMessage(EventId = 70, Level = LogLevel.Warning, Message = "Lost the connection to Redis at {Endpoint} ({Failure}); reconnecting")]
    public static partial void Lost(ILogger logger, string endpoint, StackExchange.Redis.ConnectionFailureType failure);

    [LoggerMessage(EventId = 71, Level = LogLevel.Information, Message = "Connected to Redis at {Endpoint} again")]
    public static partial void Restored(ILogger logger, string endpoint);
}
