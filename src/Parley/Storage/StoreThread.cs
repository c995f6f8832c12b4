using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Parley.Chat;
using Parley.Diagnostics;
using Parley.Protection;

namespace Parley.Storage;

/// <summary>
/// The store's one thread. Every store call runs here, in the order it was asked for, never on a socket thread and
/// never under the hub's lock: sends waiting together are committed as one batch (one transaction, one sync to disk),
/// then handed to the hub for fan-out in commit order, and only then answered. A stream's catch-up read is ordered
/// behind every commit asked for before it, which is what lets a stream register first and read second.
/// </summary>
public sealed partial class StoreThread(
    IMessageStore store,
    ICommitRouting routing,
    IRegisteredNicks registered,
    IOptionsMonitor<LimitOptions> limits,
    TimeProvider time,
    StoreMetrics metrics,
    ILogger<StoreThread> logger) : IHostedService, IDisposable
{
    // Bounded: a store that falls behind refuses sends (503) instead of queueing without end.
    private const int Capacity = 16_384;

    // One transaction holds at most this many sends, so one huge burst does not delay the first sender's answer.
    private const int MaxBatch = 1_024;

    private readonly BlockingCollection<StoreWork> _work = new(Capacity);
    private Thread? _thread;

    /// <summary>
    /// Opens the store on its own thread, as every other call: a store that waits on a network (Redis) must never make
    /// that wait on a thread that completes socket work, or the reply it waits for could not arrive.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(Run) { Name = "Parley store", IsBackground = true };
        _thread.Start();
        await RunAsync(s =>
        {
            s.Open();
            routing.StartAfter(s.LastId);
        });
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _work.CompleteAdding();
        _thread?.Join(TimeSpan.FromSeconds(10)); // the work queued before stopping finishes: it was promised an answer
        return Task.CompletedTask;
    }

    /// <summary>
    /// Commits a message and completes once it is stored and queued to live streams, or refused by the mailbox quota
    /// it would have gone past (its recipient is offline). Throws <see cref="StoreUnavailableException"/> when nothing was kept.
    /// </summary>
    public Task<Appended> CommitAsync(string from, string to, string text)
    {
        var send = new SendWork(from, to, text);
        return Enqueue(send) ? send.Done.Task : Task.FromException<Appended>(Busy());
    }

    /// <summary>Runs <paramref name="call"/> on the store thread after everything asked for before it.</summary>
    public Task<T> RunAsync<T>(Func<IMessageStore, T> call)
    {
        var work = new CallWork<T>(call);
        return Enqueue(work) ? work.Done.Task : Task.FromException<T>(Busy());
    }

    /// <summary>Runs <paramref name="change"/> on the store thread after everything asked for before it; completes once it is done.</summary>
    public Task RunAsync(Action<IMessageStore> change) => RunAsync(store =>
    {
        change(store);
        return true;
    });

    public void Dispose() => _work.Dispose();

    private bool Enqueue(StoreWork work)
    {
        try
        {
            return _work.TryAdd(work);
        }
        catch (InvalidOperationException)
        {
            return false; // stopping: nothing more is taken
        }
    }

    private StoreUnavailableException Busy() => new(_work.IsAddingCompleted
        ? "the server is stopping and takes no more messages; send again once it is back"
        : $"the store is behind by {Capacity} requests; try again in a moment");

    private void Run()
    {
        var batch = new List<SendWork>(MaxBatch);
        StoreWork? next = null;
        while (next is not null || _work.TryTake(out next, Timeout.Infinite))
        {
            var current = next;
            next = null;
            if (current is not SendWork send)
            {
                current.Execute(store);
                continue;
            }

            // Every send already waiting joins this batch; anything else ends it and runs after it, in order.
            batch.Add(send);
            while (batch.Count < MaxBatch && _work.TryTake(out next))
            {
                if (next is not SendWork more)
                {
                    break;
                }

                batch.Add(more);
                next = null;
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<SendWork> batch)
    {
        IReadOnlyList<Appended> stored;
        var started = metrics.Start();
        try
        {
            // Stamped as the batch commits, so times never run backwards along the ids.
            var sentAt = time.GetUtcNow();
            var drafts = new MessageDraft[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var send = batch[i];
                var forMailbox = !Nick.IsAll(send.To) && !routing.IsOnline(send.To);
                drafts[i] = new MessageDraft(send.From, send.To, send.Text, sentAt, forMailbox, forMailbox && registered.IsRegistered(send.To));
            }

            stored = store.Append(drafts, MailboxQuotas.From(routing.MailboxLimit, limits.CurrentValue));
            metrics.Committed(started, batch.Count, failure: null);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            metrics.Committed(started, batch.Count, failure);
            Log.CommitFailed(logger, batch.Count, failure);
            // A store that knows better says itself what became of the batch (Redis that timed out may have kept it).
            var refusal = failure as StoreUnavailableException
                ?? new StoreUnavailableException($"the message could not be stored ({failure.Message}); nothing was kept, send it again", failure);
            foreach (var send in batch)
            {
                send.Done.TrySetException(refusal);
            }

            return;
        }

        var committed = stored.Select(appended => appended.Message).OfType<ChatMessage>().ToArray();
        try
        {
            // Before the next work item: a stream that registers meanwhile reads the mailbox after this.
            foreach (var missed in routing.Publish(committed))
            {
                store.KeepWaiting(missed.To, missed.Id, registered.IsRegistered(missed.To));
            }
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // The messages are stored and were fanned out; only a missed recipient's mailbox entry is lost, and
            // its next stream's Last-Event-ID still finds the message.
            Log.KeepWaitingFailed(logger, failure);
        }
        finally
        {
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(stored[i]);
            }
        }
    }

    private abstract class StoreWork
    {
        public abstract void Execute(IMessageStore store);
    }

    private sealed class SendWork(string from, string to, string text) : StoreWork
    {
        public string From { get; } = from;

        public string To { get; } = to;

        public string Text { get; } = text;

        // Completed without a hop: the sender's answer is written right here, as a socket thread would. Queued to the
        // thread pool, it waited behind the wake-ups of every stream the broadcast had just reached, so a publisher's
        // next send never overlapped the last one's fan-out (1,000 subscribers: 84,000 deliveries/s against 294,000
        // before the store); one pool item per batch, queued before the fan-out, still waited behind the previous
        // broadcast's (102,768). The code that runs on is the request's own, which never blocks (see ParleyApp); a
        // request the same connection pipelined behind the send runs here too, and delays the next commit by its length.
        public TaskCompletionSource<Appended> Done { get; } = new();

        public override void Execute(IMessageStore store) => throw new InvalidOperationException("Sends are committed in batches.");
    }

    private sealed class CallWork<T>(Func<IMessageStore, T> call) : StoreWork
    {
        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Execute(IMessageStore store)
        {
            try
            {
                Done.TrySetResult(call(store));
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                Done.TrySetException(failure);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "A batch of {Count} messages could not be stored")]
        public static partial void CommitFailed(ILogger logger, int count, Exception exception);

        [LoggerMessage(EventId = 36, Level = LogLevel.Error, Message = "A message whose recipient left as it was sent could not be kept in the mailbox")]
        public static partial void KeepWaitingFailed(ILogger logger, Exception exception);
    }
}
