using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Parley.Tests.Hosting;

/// <summary>
/// One seed-stream client that behaves as EventSource does: it keeps the last message id it read, takes the server's
/// <c>retry:</c> as its reconnection delay, and after the stream ends or a connection fails waits that delay and
/// reconnects with <c>Last-Event-ID</c>. It keeps every message it read, and when it came back after a given moment.
/// </summary>
internal sealed class ReturningClient(HttpClient http, string nick, Stopwatch clock)
{
    private readonly Lock _gate = new();
    private readonly List<(long Id, string Text)> _messages = [];
    private TimeSpan _retry = TimeSpan.FromSeconds(3);
    private long? _lastId;

    public string Nick => nick;

    /// <summary>The <c>retry:</c> of the block that ended its first stream, in ms, or null while that stream is open.</summary>
    public int? FarewellRetry { get; private set; }

    /// <summary>When, on <c>clock</c>, the client's first stream ended, and when it asked for the stream that opened again after that.</summary>
    public TimeSpan? Ended { get; private set; }

    public TimeSpan? Returned { get; private set; }

    public bool Connected { get; private set; }

    public IReadOnlyList<(long Id, string Text)> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await StreamOnceAsync(stop);
            }
            catch (Exception failure) when (failure is HttpRequestException or IOException && !stop.IsCancellationRequested)
            {
                // Refused or cut: come back after the delay, as EventSource does after a network error.
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            Ended ??= clock.Elapsed;
            try
            {
                await Task.Delay(_retry, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task StreamOnceAsync(CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{nick}");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (_lastId is { } lastId)
        {
            request.Headers.Add("Last-Event-ID", lastId.ToString(CultureInfo.InvariantCulture));
        }

        var asked = clock.Elapsed;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return; // refused: wait and come back
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
        long? id = null;
        string? data = null;
        string? retry = null;
        int? lastBlockRetry = null;
        while (await reader.ReadLineAsync(stop) is { } line)
        {
            if (line.Length > 0)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = long.Parse(line[4..], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
                else if (line.StartsWith("retry: ", StringComparison.Ordinal))
                {
                    retry = line[7..];
                }

                continue;
            }

            // A block with only a retry: is how a stopping server says when to come back; it must be the last one.
            lastBlockRetry = retry is not null && data is null ? int.Parse(retry, CultureInfo.InvariantCulture) : null;
            if (retry is not null)
            {
                _retry = TimeSpan.FromMilliseconds(int.Parse(retry, CultureInfo.InvariantCulture));
            }

            // Back once a stream brings an event: a stopping node answers with only a retry:.
            if (data is not null)
            {
                if (Ended is not null)
                {
                    Returned ??= asked; // when it came back, not when a busy new process got round to answering
                }

                Connected = true;
            }

            if (id is { } messageId && data is not null)
            {
                lock (_gate)
                {
                    _messages.Add((messageId, data));
                }

                _lastId = messageId;
            }

            (id, data, retry) = (null, null, null);
        }

        if (Ended is null)
        {
            FarewellRetry = lastBlockRetry;
        }
    }
}
