using Microsoft.Extensions.Options;
using Parley.Diagnostics;
using Parley.Storage;
using StackExchange.Redis;

namespace Parley.Redis;

/// <summary>
/// The node's one connection to Redis (a StackExchange.Redis multiplexer, made to be shared), opened on first use.
/// It reconnects by itself after an outage; while it is down, store calls fail at once with
/// <see cref="StoreUnavailableException"/> instead of waiting for a timeout.
/// </summary>
/// <param name="metrics">Where round trips made through <see cref="RoundTrip{T}"/> and <see cref="RoundTripAsync{T}"/> are counted; none in tests of the store alone.</param>
public sealed class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger, StoreMetrics? metrics = null) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() => Connect(options.Value, logger));

    public RedisKeys Keys { get; } = new(options.Value.KeyPrefix);

    /// <summary>Where it connects, for messages an operator reads.</summary>
    public string Endpoint { get; } = options.Value.Configuration;

    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>Whether the connection is up now; false before it was first opened. Never waits.</summary>
    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsConnected;

    /// <summary>Makes one call to Redis (a script or a command) on the calling thread, counted and timed as <paramref name="operation"/>.</summary>
    public T RoundTrip<T>(string operation, Func<IDatabase, T> call)
    {
        var started = metrics?.Start() ?? 0;
        try
        {
            var result = call(Database);
            metrics?.RedisRoundTrip(operation, started, failure: null);
            return result;
        }
        catch (Exception failure)
        {
            metrics?.RedisRoundTrip(operation, started, failure);
            throw;
        }
    }

    /// <summary>Makes one call to Redis (a script or a command) and awaits it, counted and timed as <paramref name="operation"/>.</summary>
    public async Task<T> RoundTripAsync<T>(string operation, Func<IDatabase, Task<T>> call)
    {
        var started = metrics?.Start() ?? 0;
        try
        {
            var result = await call(Database).ConfigureAwait(false);
            metrics?.RedisRoundTrip(operation, started, failure: null);
            return result;
        }
        catch (Exception failure)
        {
            metrics?.RedisRoundTrip(operation, started, failure);
            throw;
        }
    }

    /// <summary>Throws <see cref="StoreUnavailableException"/>, with the reason, unless Redis is reachable now.</summary>
    public void EnsureConnected()
    {
        if (!Multiplexer.IsConnected)
        {
            throw Unreachable();
        }
    }

    public StoreUnavailableException Unreachable() => new($"Redis at {Endpoint} is unreachable; nothing was kept, try again in a moment");

    public StoreUnavailableException Unreachable(Exception cause) => cause is TimeoutException
        ? new($"Redis at {Endpoint} did not answer in time ({cause.Message}); what was asked may have been done: look at the history before sending again", cause)
        : new($"Redis at {Endpoint} is unreachable ({cause.Message}); nothing was kept, try again in a moment", cause);

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }

    private static ConnectionMultiplexer Connect(RedisOptions options, ILogger logger)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration);

        // Start even if Redis is down for the moment, and keep retrying: the node serves its open streams meanwhile.
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "parley";

        // A call made while the connection is down fails after this, not the default 5 s: a send answers 503 promptly.
        configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 2_000);
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 2_000);
        var multiplexer = ConnectionMultiplexer.Connect(configuration);

        // Connect gives up after its connect timeout; a node starting on a busy machine waits as long again before it
        // reports Redis unreachable (it runs once, on the store thread as the node starts, never on a request).
        for (var waited = 0; !multiplexer.IsConnected && waited < configuration.ConnectTimeout; waited += 50)
        {
            Thread.Sleep(50);
        }

        multiplexer.ConnectionFailed += (_, failed) => RedisLog.Lost(logger, options.Configuration, failed.FailureType);
        multiplexer.ConnectionRestored += (_, _) => RedisLog.Restored(logger, options.Configuration);
        return multiplexer;
    }
}
