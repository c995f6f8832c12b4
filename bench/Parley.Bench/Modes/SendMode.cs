using System.Globalization;
using System.Net.Sockets;
using Parley.Bench.Cli;
using Parley.Bench.Http;
using Parley.Bench.Measure;
using Parley.Bench.Results;

namespace Parley.Bench.Modes;

/// <summary>
/// The seed's second benchmark: N messages from mary to john, C at a time, while one listener holds john's
/// stream open. It measures the sends as <c>ab</c> did and then checks that john received each exactly once.
/// </summary>
internal sealed class SendMode : IBenchMode
{
    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MarkerInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long after the last send's answer the listener may take to receive the rest.</summary>
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(10);

    public string Name => "send";

    public async Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation)
    {
        var requests = options.Int("requests", 10_000, min: 1);
        var concurrency = options.Int("concurrency", 10, min: 1, max: 10_000);
        var keepAlive = options.Bool("keep-alive", false);
        var route = SendRoute.For(common.Protocol);

        var target = await HttpTarget.ResolveAsync(common.Url, cancellation);
        // Every send's bytes before the load starts (about 130 bytes each), so the load loop only writes them.
        var sends = new byte[requests][];
        for (var i = 0; i < requests; i++)
        {
            sends[i] = route.Send(target, $"hello {i}", keepAlive);
            if (i % 4096 == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
        }

        var marker = $"ready {Guid.NewGuid():N}";
        var tally = new SendDeliveryTally(requests, route.DataPrefix, marker);
        await using var listener = await OpenListenerAsync(target, route, tally, common.Url, cancellation);
        await AwaitReadyAsync(target, route, listener, tally, marker, cancellation);

        var latency = new LatencyRecorder();
        var cpu = ServerCpuWindow.Open(common.ServerPids);
        var outcome = await new HttpLoad(target, i => sends[i], keepAlive).RunAsync(requests, concurrency, latency, cancellation);
        await FirstOfAsync(tally.AllDelivered, listener.Completion, DeliveryWait, cancellation);

        // The server's CPU until the deliveries are done: writing each message to the stream is part of a send's cost.
        var cpuMicros = cpu?.ElapsedMicros();
        var listenerEnd = listener.Completion.IsCompleted ? DescribeEnd(listener.Completion) : null;
        await listener.DisposeAsync();

        List<Metric> metrics = [new("sendsPerSec", outcome.ResponsesPerSecond, "req/s")];
        if (cpuMicros is { } micros)
        {
            metrics.Add(new Metric("cpuUsPerSend", micros / requests, "us"));
        }

        metrics.AddRange(
        [
            new Metric("p50Ms", latency.PercentileMs(50), "ms"),
            new Metric("p99Ms", latency.PercentileMs(99), "ms"),
            new Metric("delivered", tally.Delivered, "count"),
        ]);

        return new ModeResult(
            Name,
            common.ServerName,
            route.ProtocolName,
            common.Round,
            new Dictionary<string, string>
            {
                ["concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
                ["requests"] = requests.ToString(CultureInfo.InvariantCulture),
                ["keepAlive"] = keepAlive ? "true" : "false",
            },
            metrics,
            [ExactlyOnceCheck(tally, requests, outcome.Tally, listenerEnd)]);
    }

    private static async Task<SseListener> OpenListenerAsync(HttpTarget target, SendRoute route, SendDeliveryTally tally, Uri url, CancellationToken cancellation)
    {
        try
        {
            return await SseListener.OpenAsync(target, route.ListenerPath, tally.OnData, cancellation);
        }
        catch (SocketException e)
        {
            throw new BenchUsageException($"cannot open the listener GET {route.ListenerPath} at {url}: {e.Message}");
        }
    }

    /// <summary>
    /// Sends marker messages until the listener receives one: from then on every send reaches a live stream.
    /// A marker sent before the server registered the stream is lost or kept for later, so it repeats.
    /// </summary>
    private static async Task AwaitReadyAsync(HttpTarget target, SendRoute route, SseListener listener, SendDeliveryTally tally, string marker, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + ReadyWait;
        var lastStatus = "no answer";
        for (var attempt = 0; DateTime.UtcNow < deadline; attempt++)
        {
            try
            {
                using var connection = await HttpConnection.OpenAsync(target, cancellation);
                var answer = await connection.ExchangeAsync(route.Send(target, $"{marker}-{attempt}", false), cancellation);
                lastStatus = answer.Status.ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
            {
                lastStatus = e.Message;
            }

            await FirstOfAsync(tally.Ready, listener.Completion, MarkerInterval, cancellation);
            if (tally.Ready.IsCompleted)
            {
                return;
            }

            if (listener.Completion.IsCompleted)
            {
                throw new BenchUsageException($"the listener GET {route.ListenerPath} {DescribeEnd(listener.Completion)} before the first message: is --protocol right for this server?");
            }
        }

        throw new BenchUsageException(
            $"the listener GET {route.ListenerPath} received no test message within {ReadyWait.TotalSeconds:0} s (last send answered: {lastStatus}): is --protocol right for this server?");
    }

    /// <summary>Waits until either task completes or <paramref name="timeout"/> passes.</summary>
    private static async Task FirstOfAsync(Task first, Task second, TimeSpan timeout, CancellationToken cancellation)
    {
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var delay = Task.Delay(timeout, stopDelay.Token);
        await Task.WhenAny(first, second, delay);
        await stopDelay.CancelAsync();
        cancellation.ThrowIfCancellationRequested();
    }

    private static string DescribeEnd(Task completion) => completion.Exception?.InnerException is { } fault
        ? $"failed ({fault.Message})"
        : "was ended by the server";

    private static Check ExactlyOnceCheck(SendDeliveryTally deliveries, int requests, LoadTally sends, string? listenerEnd)
    {
        var passed = deliveries.Delivered == requests && deliveries.Duplicated == 0;
        var detail = $"{deliveries.Delivered} of {requests} delivered, {deliveries.Duplicated} duplicated";
        if (sends.Non2xx > 0)
        {
            detail += $"; {sends.Non2xx} sends refused";
        }

        if (sends.Errors > 0)
        {
            detail += $"; {sends.Errors} sends failed ({sends.FirstError})";
        }

        if (listenerEnd is not null && !passed)
        {
            detail += $"; the listener {listenerEnd}";
        }

        return new Check("the listener received every message exactly once", passed, detail);
    }

    /// <summary>Where the listener reads and how a text is sent, per protocol.</summary>
    private sealed record SendRoute(string ProtocolName, string ListenerPath, string DataPrefix, Func<HttpTarget, string, bool, byte[]> Send)
    {
        public static SendRoute For(TargetProtocol protocol) => protocol switch
        {
            // The seed: GET /msg/mary/john%20{text}; john's stream shows "mary: {text}".
            TargetProtocol.Seed => new SendRoute(
                "seed",
                "/john",
                "mary: ",
                (target, text, keepAlive) => HttpRequestBytes.Get(target, $"/msg/mary/john%20{Uri.EscapeDataString(text)}", keepAlive)),

            // Nchan: POST /pub/john with the text as body; /sub/john shows the body as it is.
            TargetProtocol.Nchan => new SendRoute(
                "nchan",
                "/sub/john",
                "",
                (target, text, keepAlive) => HttpRequestBytes.PostText(target, "/pub/john", keepAlive, text)),
            _ => throw new BenchUsageException($"send has no form for protocol {protocol}"),
        };
    }
}
