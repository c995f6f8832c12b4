using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Parley.Diagnostics;

/// <summary>
/// The store's instruments on the <c>Parley</c> meter: how long a commit takes and how many sends it carries, and every
/// round trip to Redis (StackExchange.Redis 2.13 has no meter of its own, so they are counted where Parley makes them).
/// All of them are recorded off the socket threads: on the store thread, or where a Redis call is awaited.
/// </summary>
public sealed class StoreMetrics
{
    // Seconds: a SQLite commit with its sync to disk takes 0.1 to 10 ms, a Redis round trip 0.1 to 2 ms, and a timeout 2 s.
    private static readonly IReadOnlyList<double> SecondsBoundaries =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    // Messages per commit: the store thread takes up to 1,024 waiting sends at once.
    private static readonly IReadOnlyList<long> BatchBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private static readonly ConcurrentDictionary<string, KeyValuePair<string, object?>> OperationTags = new(StringComparer.Ordinal);

    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<long> _commitBatch;
    private readonly Histogram<double> _redisDuration;
    private readonly TimeProvider _time;

    public StoreMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(ChatMetrics.MeterName);
        _commitDuration = meter.CreateHistogram(
            "parley.store.commit.duration",
            "s",
            "How long the store took to commit one batch of sends (one transaction and one sync to disk, or one Redis script)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBoundaries });
        _commitBatch = meter.CreateHistogram(
            "parley.store.commit.batch.size",
            "{message}",
            "Sends committed together in one batch",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = BatchBoundaries });
        _redisDuration = meter.CreateHistogram(
            "parley.redis.operation.duration",
            "s",
            "Round trips to Redis by operation (a script or a command), and how long each took; its count is the number of round trips",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBoundaries });
    }

    /// <summary>A point in time to measure from, on the server's clock.</summary>
    public long Start() => _time.GetTimestamp();

    /// <param name="failure">The exception that failed the commit, tagged as <c>error.type</c>; null when it committed.</param>
    public void Committed(long started, int batch, Exception? failure)
    {
        var elapsed = _time.GetElapsedTime(started).TotalSeconds;
        if (failure is null)
        {
            _commitDuration.Record(elapsed);
            _commitBatch.Record(batch);
        }
        else
        {
            var error = new KeyValuePair<string, object?>("error.type", failure.GetType().Name);
            _commitDuration.Record(elapsed, error);
            _commitBatch.Record(batch, error);
        }
    }

    /// <param name="operation">The script's or command's name as Parley calls it (<c>Append</c>, <c>PresenceOpen</c>); tagged in snake case.</param>
    public void RedisRoundTrip(string operation, long started, Exception? failure)
    {
        var elapsed = _time.GetElapsedTime(started).TotalSeconds;
        var tag = OperationTags.GetOrAdd(operation, name => new KeyValuePair<string, object?>("operation", SnakeCase(name)));
        if (failure is null)
        {
            _redisDuration.Record(elapsed, tag);
        }
        else
        {
            _redisDuration.Record(elapsed, tag, new KeyValuePair<string, object?>("error.type", failure.GetType().Name));
        }
    }

    /// <summary><c>KeepWaiting</c> as <c>keep_waiting</c>, the way every other tag value is spelled.</summary>
    internal static string SnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString();
    }
}
