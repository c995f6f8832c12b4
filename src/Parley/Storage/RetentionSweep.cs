using Microsoft.Extensions.Options;

namespace Parley.Storage;

/// <summary>Removes what retention no longer keeps, on the store thread, at start and then every sweep interval.</summary>
public sealed partial class RetentionSweep(
    StoreThread store,
    IOptionsMonitor<StoreOptions> options,
    TimeProvider time,
    ILogger<RetentionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            try
            {
                var sentBefore = time.GetUtcNow() - settings.RetentionAge;
                var removed = await store.RunAsync(s => s.Trim(sentBefore, settings.RetentionPerConversation));
                if (removed > 0)
                {
                    Log.Removed(logger, removed);
                }
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                Log.Failed(logger, failure);
            }

            await Task.Delay(settings.RetentionSweepInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 34, Level = LogLevel.Information, Message = "Retention removed {Count} messages")]
        public static partial void Removed(ILogger logger, int count);

        [LoggerMessage(EventId = 35, Level = LogLevel.Warning, Message = "Retention could not run; it tries again at the next sweep")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
