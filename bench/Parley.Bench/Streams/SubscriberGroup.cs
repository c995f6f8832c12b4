using System.Diagnostics;

namespace Parley.Bench.Streams;

/// <summary>Many event streams opened together, watched together and closed together.</summary>
internal sealed class SubscriberGroup : IDisposable
{
    /// <summary>Connections in flight at once: enough to keep the server's accept loop busy, few enough not to overflow its backlog.</summary>
    public const int ConnectParallelism = 200;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private readonly EventStreamSubscriber[] _subscribers;

    public SubscriberGroup(IEnumerable<IDataLineHandler> handlers, int bufferSize = EventStreamReader.DefaultBufferSize) =>
        _subscribers = [.. handlers.Select(handler => new EventStreamSubscriber(handler, bufferSize))];

    public IReadOnlyList<EventStreamSubscriber> Subscribers => _subscribers;

    public int OpenCount => _subscribers.Count(s => s.IsOpen);

    /// <summary>True once any stream that opened has ended.</summary>
    public bool AnyEnded => _subscribers.Any(s => s.OpenedAt != 0 && s.Receiving.IsCompleted);

    /// <summary>The latest time any stream's 200 head arrived.</summary>
    public long LastOpenedAt => _subscribers.Max(s => s.OpenedAt);

    /// <summary>Opens stream <c>i</c> at <paramref name="path"/>(i), <see cref="ConnectParallelism"/> at a time; fails on the first refusal.</summary>
    public Task OpenAllAsync(StreamTarget target, Func<int, string> path, SourceAddresses sources, CancellationToken cancellation) =>
        OpenAllAsync(_ => target, path, sources, cancellation);

    /// <summary>As above, stream <c>i</c> on server <paramref name="target"/>(i): several nodes of one chat.</summary>
    public Task OpenAllAsync(Func<int, StreamTarget> target, Func<int, string> path, SourceAddresses sources, CancellationToken cancellation) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, _subscribers.Length),
            new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellation },
            async (i, token) => await _subscribers[i].OpenAsync(target(i), path(i), sources.For(i), token));

    /// <summary>
    /// Polls until <paramref name="done"/> holds (true), or until no stream has received a byte for
    /// <paramref name="stall"/> (false): a wait that still sees traffic is slow, not stuck.
    /// </summary>
    public async Task<bool> WaitAsync(Func<bool> done, TimeSpan stall, CancellationToken cancellation)
    {
        var bytes = BytesReceived();
        var progressAt = Stopwatch.GetTimestamp();
        while (!done())
        {
            await Task.Delay(PollInterval, cancellation);
            var now = BytesReceived();
            if (now != bytes)
            {
                bytes = now;
                progressAt = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(progressAt) > stall)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Closes every stream and waits until each receive loop has ended.</summary>
    /// <returns>The error of a receive loop that failed on a broken answer, or null.</returns>
    public async Task<string?> CloseAllAsync()
    {
        Dispose();
        try
        {
            await Task.WhenAll(_subscribers.Select(s => s.Receiving));
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }

    public void Dispose()
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Dispose();
        }
    }

    private long BytesReceived() => _subscribers.Sum(s => s.BytesReceived);
}
