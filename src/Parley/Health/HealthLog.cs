namespace Parley.Health;

/// <summary>Readiness as it changes, once per change and never per probe. Event ids are stable.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(EventId = 90, Level = LogLevel.Warning, Message = "Not ready: {Failing}")]
    public static partial void NotReady(ILogger logger, string failing, Exception? exception);

    [LoggerMessage(EventId = 91, Level = LogLevel.Information, Message = "Ready again")]
    public static partial void Ready(ILogger logger);
}
