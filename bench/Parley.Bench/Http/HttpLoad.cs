using System.Diagnostics;
using System.Net.Sockets;
using Parley.Bench.Measure;

namespace Parley.Bench.Http;

/// <summary>
/// A closed-loop load, as <c>ab -n N -c C</c> makes it: C workers each send a request, wait for the whole
/// answer, and send the next, until N requests have gone out. With keep-alive a worker reuses its connection
/// while the server keeps it open; without, every request connects anew and the connect counts in its latency.
/// </summary>
/// <param name="requestFor">The bytes of request number i (0 to N-1), built before the run.</param>
internal sealed class HttpLoad(HttpTarget target, Func<int, ReadOnlyMemory<byte>> requestFor, bool keepAlive)
{
    private int _next = -1;

    public async Task<LoadOutcome> RunAsync(int requests, int concurrency, LatencyRecorder latency, CancellationToken cancellation)
    {
        _next = -1;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Math.Min(concurrency, requests))
            .Select(_ => Task.Run(() => WorkAsync(requests, latency, cancellation), cancellation))
            .ToArray();
        var tallies = await Task.WhenAll(workers);
        return new LoadOutcome(LoadTally.Merge(tallies), Stopwatch.GetElapsedTime(started));
    }

    private async Task<LoadTally> WorkAsync(int requests, LatencyRecorder latency, CancellationToken cancellation)
    {
        var tally = new LoadTally();
        HttpConnection? connection = null;
        try
        {
            int i;
            while ((i = Interlocked.Increment(ref _next)) < requests)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    connection ??= await HttpConnection.OpenAsync(target, cancellation);
                    var response = await connection.ExchangeAsync(requestFor(i), cancellation);
                    latency.RecordSince(start);
                    tally.Add(response);
                    if (!keepAlive || !response.KeepsOpen)
                    {
                        connection.Dispose();
                        connection = null;
                    }
                }
                catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
                {
                    // The request failed, not the run: count it and carry on over a fresh connection.
                    tally.AddError(e);
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }

        return tally;
    }
}

/// <summary>The merged tally of a load run and how long it took from the first request to the last answer.</summary>
internal sealed record LoadOutcome(LoadTally Tally, TimeSpan Elapsed)
{
    /// <summary>Whole responses per second, whatever their status; failed requests do not count.</summary>
    public double ResponsesPerSecond => Elapsed > TimeSpan.Zero ? Tally.Responses / Elapsed.TotalSeconds : 0;
}
