using System.Collections.Concurrent;
using System.Net;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>Asks <c>/api/health</c> every quarter second while the fuzz runs, and keeps every answer that was not 200 Healthy.</summary>
internal sealed class HealthWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _client;
    private readonly Task _watching;
    private int _probes;

    private HealthWatch(ParleyServer server)
    {
        _client = server.CreateClient();
        _watching = WatchAsync();
    }

    public int Probes => _probes;

    public ConcurrentQueue<string> Failures { get; } = new();

    public static HealthWatch Start(ParleyServer server) => new(server);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _watching.WaitAsync(Timeouts.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _client.Dispose();
    }

    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                await ProbeAsync();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task ProbeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(Timeouts.Default);
        try
        {
            using var response = await _client.GetAsync(new Uri("/api/health", UriKind.Relative), timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK || body != "Healthy")
            {
                Failures.Enqueue($"{(int)response.StatusCode}: {body}");
            }
        }
        catch (Exception failure) when (failure is HttpRequestException || (failure is OperationCanceledException && !_stop.IsCancellationRequested))
        {
            Failures.Enqueue($"no answer within {Timeouts.Default.TotalSeconds} s: {failure.Message}");
        }

        Interlocked.Increment(ref _probes);
    }
}
