using System.Net.Sockets;
using Parley.Bench.Streams;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// Thousands of seed streams <c>GET /u{i}</c> opened at once over bare sockets, as the pages open on a server
/// come back right after it restarts, each read to the end by a <see cref="PresenceRecorder"/>.
/// </summary>
internal sealed class SeedStreamStorm : IDisposable
{
    // The 'now online:' line of the last streams to open lists up to 3,999 nicks u0 to u3998, about 27 KB in one
    // line, and the reader skips a line longer than its buffer.
    private const int BufferSize = 32 * 1024;

    private readonly SubscriberGroup _group;
    private readonly IReadOnlyList<EventStreamSubscriber> _subscribers;
    private readonly string?[] _openErrors;

    public SeedStreamStorm(int streams)
    {
        Presence = [.. Enumerable.Range(0, streams).Select(i => new PresenceRecorder(i, streams))];
        _group = new SubscriberGroup(Presence, BufferSize);
        _subscribers = _group.Subscribers;
        _openErrors = new string?[streams];
    }

    public int Count => _subscribers.Count;

    /// <summary>What stream <c>i</c> (nick <c>u{i}</c>) has heard.</summary>
    public IReadOnlyList<PresenceRecorder> Presence { get; }

    public IReadOnlyList<EventStreamSubscriber> Subscribers => _subscribers;

    /// <summary>Streams the server closed before their answer's head arrived.</summary>
    public int FailedToOpen => _openErrors.Count(error => error is not null);

    public string? FirstOpenError => _openErrors.FirstOrDefault(error => error is not null);

    /// <summary>
    /// Opens every stream with <paramref name="inFlight"/> connects (from connect to the answer's head) at a time. A
    /// stream the server drops before its head, or that has no answer within <paramref name="limit"/>, is counted in
    /// <see cref="FailedToOpen"/>, not thrown: the test reports how many were cut off, however early.
    /// </summary>
    public async Task OpenAsync(ParleyServer server, int inFlight, TimeSpan limit)
    {
        OpenFileLimit.EnsureRoomFor(2 * Count); // the server is in this process too: both ends of every stream
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(limit);
        var target = await StreamTarget.ResolveAsync(server.BaseAddress, deadline.Token);
        var sources = SourceAddresses.Choose(0, Count, target.IsLoopback);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Count),
            new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (i, _) =>
            {
                try
                {
                    await _subscribers[i].OpenAsync(target, $"/u{i}", sources.For(i), deadline.Token);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    _openErrors[i] = $"u{i}: {(e is OperationCanceledException ? $"no answer within {limit.TotalSeconds} s" : e.Message)}";
                }
            }).WaitAsync(limit + Timeouts.Default, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Polls until <paramref name="done"/> holds (true), or until no stream has received a byte for
    /// <paramref name="stall"/> (false): a storm that still moves is slow, one that stopped has settled short.
    /// </summary>
    public async Task<bool> WaitAsync(Func<bool> done, TimeSpan stall, TimeSpan limit)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            return await _group.WaitAsync(done, stall, deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"The storm still moved after {limit.TotalSeconds} s.");
            return false;
        }
    }

    /// <summary>Closes these streams all at once, as pages closing together, and waits until each has stopped reading.</summary>
    public Task CloseAsync(IEnumerable<int> streams)
    {
        var closing = streams.Select(i => _subscribers[i]).ToArray();
        foreach (var subscriber in closing)
        {
            subscriber.Dispose();
        }

        return Task.WhenAll(closing.Select(subscriber => subscriber.Receiving)).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);
    }

    public void Dispose() => _group.Dispose();
}
