using System.Buffers;
using System.IO.Pipelines;
using Parley.Chat;

namespace Parley.Streams;

/// <summary>
/// The one loop that drains a stream's queue to its response. It writes every event that is already
/// queued and then flushes once, writes a heartbeat comment when the stream has been quiet, and gives
/// up on a client whose flush does not complete in time.
/// </summary>
internal sealed class EventStreamWriter(Subscriber subscriber, PipeWriter output, StreamOptions options, TimeProvider time)
{
    // Above this many unflushed bytes the batch is flushed even if more events are queued.
    private const int MaxBatchBytes = 64 * 1024;

    /// <summary>Runs until the client goes, the hub drops the stream or <paramref name="stopping"/> fires; returns why.</summary>
    public async Task<StreamCloseReason> RunAsync(CancellationToken clientGone, CancellationToken stopping)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(clientGone, stopping, subscriber.Dropped);
        try
        {
            output.Write(SseWire.Opening(options.RetryHint));
            foreach (var delivery in subscriber.TakePreamble())
            {
                // This stream's own events (welcome, who is online, waiting messages): encoded straight into the
                // response, not into shared bytes no other stream will read.
                WriteId(delivery);
                subscriber.Encoder.Write(delivery.Event.Event, output);
            }

            return await PumpAsync(ended.Token) ?? Reason();
        }
        catch (OperationCanceledException)
        {
            return Reason();
        }

        // Once the server is stopping, a client that happens to leave at the same moment is not announced
        // either: everyone is being disconnected, and announcing each departure to thousands of streams
        // that are ending anyway kept a stopping server busy past its shutdown timeout.
        StreamCloseReason Reason() =>
            subscriber.DropReason
            ?? (stopping.IsCancellationRequested ? StreamCloseReason.ServerShutdown : StreamCloseReason.ClientDisconnected);
    }

    private async Task<StreamCloseReason?> PumpAsync(CancellationToken ended)
    {
        var queue = subscriber.Queue;
        Task<bool>? waiting = null;
        while (true)
        {
            while (output.UnflushedBytes < MaxBatchBytes && queue.TryRead(out var delivery))
            {
                Write(delivery);
            }

            if (output.UnflushedBytes > 0 && await FlushAsync(ended) is { } failed)
            {
                return failed;
            }

            if (queue.TryPeek(out _))
            {
                continue;
            }

            // One wait is kept across heartbeats, so a long quiet spell does not pile up waiters.
            waiting ??= queue.WaitToReadAsync(ended).AsTask();
            try
            {
                var more = await waiting.WaitAsync(options.HeartbeatInterval, time, ended);
                waiting = null;
                if (!more)
                {
                    return null; // the queue was completed: the hub dropped the stream
                }
            }
            catch (TimeoutException)
            {
                output.Write(SseWire.Heartbeat);
            }
        }
    }

    private void Write(Delivery delivery)
    {
        WriteId(delivery);
        output.Write(delivery.Event.EncodedBy(subscriber.Encoder).Span);
    }

    private void WriteId(Delivery delivery)
    {
        if (subscriber.Encoder.WritesEventIds)
        {
            SseWire.WriteId(output, delivery.Sequence);
        }
    }

    private async ValueTask<StreamCloseReason?> FlushAsync(CancellationToken ended)
    {
        var flush = output.FlushAsync(ended);
        FlushResult result;
        if (flush.IsCompletedSuccessfully)
        {
            result = flush.Result;
        }
        else
        {
            try
            {
                result = await flush.AsTask().WaitAsync(options.WriteTimeout, time, ended);
            }
            catch (TimeoutException)
            {
                return StreamCloseReason.WriteTimeout;
            }
        }

        return result.IsCompleted || result.IsCanceled ? StreamCloseReason.ClientDisconnected : null;
    }
}
