using System.Diagnostics;

namespace Parley.Bench.Streams;

/// <summary>Many event streams opened together, watched together and closed together; some may be closed and opened anew.</summary>
internal sealed class SubscriberGroup : IDisposable
{
    /// <summary>Connections in flight at once: enough to keep the server's accept loop busy, few enough not to overflow its backlog.</summary>
    public const int ConnectParallelism = 200;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private readonly EventStreamSubscriber[] _subscribers;
    private readonly int _bufferSize;

    public SubscriberGroup(IEnumerable<IDataLineHandler> handlers, int bufferSize = EventStreamReader.DefaultBufferSize)
    {
        _subscribers = [.. handlers.Select(handler => new EventStreamSubscriber(handler, bufferSize))];
        _bufferSize = bufferSize;
    }

    public IReadOnlyList<EventStreamSubscriber> Subscribers => _subscribers;

    public int OpenCount => _subscribers.Count(s => s.IsOpen);

    /// <summary>True once any stream that opened has ended.</summary>
    public bool AnyEnded => _subscribers.Any(Ended);

    /// <summary>Streams that opened and have ended since.</summary>
    public int EndedCount => _subscribers.Count(Ended);

    /// <summary>The latest time any stream's 200 head arrived.</summary>
    public long LastOpenedAt => _subscribers.Max(s => s.OpenedAt);

    /// <summary>Opens stream <c>i</c> at <paramref name="path"/>(i), <see cref="ConnectParallelism"/> at a time; fails on the first refusal.</summary>
    public Task OpenAllAsync(StreamTarget target, Func<int, string> path, SourceAddresses sources, CancellationToken cancellation) =>
        OpenAllAsync(_ => target, path, sources, cancellation);

    /// <summary>As above, stream <c>i</c> on server <paramref name="target"/>(i): several nodes of one chat.</summary>
    public Task OpenAllAsync(Func<int, StreamTarget> target, Func<int, string> path, SourceAddresses sources, CancellationToken cancellation) =>
        OpenAsync(Enumerable.Range(0, _subscribers.Length), target, path, sources, cancellation);

    /// <summary>Opens only the streams at <paramref name="indices"/>: those <see cref="CloseAsync"/> put back.</summary>
    public Task OpenAsync(
        IEnumerable<int> indices, Func<int, StreamTarget> target, Func<int, string> path, SourceAddresses sources, CancellationToken cancellation) =>
        Parallel.ForEachAsync(
            indices,
            new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellation },
            async (i, token) => await _subscribers[i].OpenAsync(target(i), path(i), sources.For(i), token));

    /// <summary>
    /// Closes the streams at <paramref name="indices"/>, waits until they are no longer read, and puts a new,
    /// unopened stream reading into <paramref name="next"/>(i) in each one's place, to be opened with <see cref="OpenAsync"/>.
    /// </summary>
    /// <returns>The error of a stream that ended on a broken answer, or null.</returns>
    public async Task<string?> CloseAsync(IReadOnlyList<int> indices, Func<int, IDataLineHandler> next)
    {
        var closing = indices.Select(i => _subscribers[i]).ToList();
        foreach (var subscriber in closing)
        {
            subscriber.Dispose();
        }

        foreach (var i in indices)
        {
            _subscribers[i] = new EventStreamSubscriber(next(i), _bufferSize);
        }

        return await EndedAsync(closing);
    }

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

    /// <summary>Closes every stream and waits until none is read any more.</summary>
    /// <returns>The error of a stream that ended on a broken answer, or null.</returns>
    public async Task<string?> CloseAllAsync()
    {
        Dispose();
        return await EndedAsync(_subscribers);
    }

    public void Dispose()
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Dispose();
        }
    }

    private static bool Ended(EventStreamSubscriber subscriber) => subscriber.OpenedAt != 0 && subscriber.Receiving.IsCompleted;

    private static async Task<string?> EndedAsync(IEnumerable<EventStreamSubscriber> closed)
    {
        try
        {
            await Task.WhenAll(closed.Select(s => s.Receiving));
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }

    private long BytesReceived() => _subscribers.Sum(s => s.BytesReceived);
}
