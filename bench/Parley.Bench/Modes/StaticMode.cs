using System.Globalization;
using Parley.Bench.Cli;
using Parley.Bench.Http;
using Parley.Bench.Measure;
using Parley.Bench.Results;

namespace Parley.Bench.Modes;

/// <summary>
/// <c>ab -n N -c C</c> on one page: GET <c>--path</c> from any web server (Parley, or nginx serving the same
/// bytes), as the seed's first benchmark did.
/// </summary>
internal sealed class StaticMode : IBenchMode
{
    public string Name => "static";

    public async Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation)
    {
        var requests = options.Int("requests", 10_000, min: 1);
        var concurrency = options.Int("concurrency", 10, min: 1, max: 10_000);
        var keepAlive = options.Bool("keep-alive", false);
        var path = options.Text("path", "/");
        if (common.Protocol != TargetProtocol.Seed)
        {
            throw new BenchUsageException("static sends GET --path to any web server and has no nchan form: leave out --protocol");
        }

        if (!path.StartsWith('/') || path.Any(c => c <= ' ' || c > '~'))
        {
            throw new BenchUsageException($"--path must start with '/' and be percent-encoded ASCII, got '{path}'");
        }

        var target = await HttpTarget.ResolveAsync(common.Url, cancellation);
        var request = HttpRequestBytes.Get(target, path, keepAlive);
        var latency = new LatencyRecorder();
        var cpu = ServerCpuWindow.Open(common.ServerPids);
        var outcome = await new HttpLoad(target, _ => request, keepAlive).RunAsync(requests, concurrency, latency, cancellation);
        var cpuMicros = cpu?.ElapsedMicros();

        var tally = outcome.Tally;
        List<Metric> metrics = [new("reqPerSec", outcome.ResponsesPerSecond, "req/s")];
        if (cpuMicros is { } micros)
        {
            metrics.Add(new Metric("cpuUsPerRequest", micros / requests, "us"));
        }

        metrics.AddRange(
        [
            new Metric("p50Ms", latency.PercentileMs(50), "ms"),
            new Metric("p99Ms", latency.PercentileMs(99), "ms"),
            new Metric("p999Ms", latency.PercentileMs(99.9), "ms"),
            new Metric("non2xx", tally.Non2xx, "count"),
            new Metric("errors", tally.Errors, "count"),
        ]);

        return new ModeResult(
            Name,
            common.ServerName,
            "seed", // the only protocol static accepts: a plain GET, which is also what nginx serves
            common.Round,
            new Dictionary<string, string>
            {
                ["keepAlive"] = keepAlive ? "true" : "false",
                ["concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
                ["requests"] = requests.ToString(CultureInfo.InvariantCulture),
                ["path"] = path,
            },
            metrics,
            [SameAnswerCheck(tally, requests)]);
    }

    private static Check SameAnswerCheck(LoadTally tally, int requests)
    {
        var lengths = string.Join(", ", tally.BodyLengths.Select(l => l.ToString(CultureInfo.InvariantCulture)));
        var passed = tally.Errors == 0 && tally.Not200 == 0 && tally.Responses == requests && tally.BodyLengths.Count == 1;
        var detail = passed
            ? $"{requests} x 200, body {lengths} bytes"
            : $"{tally.Responses - tally.Not200} of {requests} answered 200; body lengths: {(lengths.Length == 0 ? "none" : lengths)}"
                + (tally.Errors > 0 ? $"; {tally.Errors} failed ({tally.FirstError})" : "");
        return new Check("every response 200 with the same body length", passed, detail);
    }
}
