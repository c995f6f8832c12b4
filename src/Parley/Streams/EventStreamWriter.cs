using System.Buffers;
using System.IO.Pipelines;
using Parley.Chat;
using Parley.Diagnostics;
using Parley.Storage;

namespace Parley.Streams;

/// <summary>
/// The one loop that drains a stream to its response: its queue of messages and the hub's shared log of joins
/// and departures, merged in the order the hub accepted them. It writes everything already waiting and then
/// flushes once, writes a heartbeat comment when the stream has been quiet, and gives up on a client whose
/// flush does not complete in time.
/// </summary>
/// <remarks>
/// An idle stream holds as little as possible, since a server's size is its number of idle streams: while it waits,
/// the loop holds one wait on its queue and no timer and no cancellation source of its own. Everything that should
/// end or wake it comes through that queue: a message, a nudge from the hub (a join, the shared
/// <see cref="HeartbeatClock"/>, the server stopping), the client going (one callback on its token), or the hub
/// completing the queue when it drops the stream. Linked cancellation is made only for waits that need it (a catch-up
/// read, a flush the client holds back) and released after.
/// </remarks>
internal sealed class EventStreamWriter(
    Subscriber subscriber,
    ChatHub hub,
    CatchUp catchUp,
    StoreThread store,
    PipeWriter output,
    StreamOptions options,
    TimeProvider time,
    ChatMetrics? metrics = null) // none: a writer driven alone by a test counts nothing
{
    // Above this many unflushed bytes the batch is flushed even if more events are waiting. Also the most a part of the
    // online list holds before it is flushed. A connection's pipe keeps, for as long as it lives, as many 4 KB buffer
    // segments as it ever held at once: at 64 KB an idle stream that had lived through a login storm kept ten of them.
    private const int MaxBatchBytes = 16 * 1024;

    // A JSON stream this many joins and departures behind gets who is online now as one event instead: a page
    // that missed a storm of arrivals wants the list, not thousands of lines about it.
    private const int SummarizeAfter = 256;

    // How often a pending flush is looked at again, once it has been pending for the stall timeout.
    private static readonly TimeSpan StallCheck = TimeSpan.FromSeconds(1);

    private readonly PresenceLog _presence = hub.PresenceLog;
    private long _presenceAt = subscriber.PresenceStart;

    // A message taken off the queue while announcements ordered before it are still being written.
    private Delivery? _taken;

    // Live messages with ids up to here were written by the catch-up already.
    private long _skipThrough;

    // A flush still on its way when the loop stopped waiting for it (the server stopping): the retry: goes after it.
    private Task<FlushResult>? _flushing;

    // What was written since the last flush, counted as delivered once the flush went through.
    private DeliveryTally _written;

    private CancellationToken _clientGone;
    private CancellationToken _stopping;
    private CancellationTokenSource? _ended;

    /// <summary>Runs until the client goes, the hub drops the stream or <paramref name="stopping"/> fires; returns why.</summary>
    public async Task<StreamCloseReason> RunAsync(CancellationToken clientGone, CancellationToken stopping)
    {
        _clientGone = clientGone;
        _stopping = stopping;
        StreamCloseReason reason;

        // The client going wakes the loop through its queue; the server stopping wakes every loop through the hub.
        using (clientGone.UnsafeRegister(static stream => ((Subscriber)stream!).Nudge(), subscriber))
        {
            try
            {
                reason = await PumpAsync() ?? Reason();
            }
            catch (OperationCanceledException)
            {
                reason = Reason();
            }
            finally
            {
                ReleaseEnded();
            }
        }

        if (reason == StreamCloseReason.Kicked && subscriber.KickNotice is { } notice && !clientGone.IsCancellationRequested)
        {
            await TellKickedAsync(notice);
        }

        return reason;

        // Once the server is stopping, a client that happens to leave at the same moment is not announced
        // either: everyone is being disconnected, and announcing each departure to thousands of streams
        // that are ending anyway kept a stopping server busy past its shutdown timeout.
        StreamCloseReason Reason() =>
            subscriber.DropReason
            ?? (stopping.IsCancellationRequested ? StreamCloseReason.ServerShutdown : StreamCloseReason.ClientDisconnected);
    }

    /// <summary>
    /// The last words of a stream an admin ended, so the page shows why and does not reconnect. Given as long as a stalled
    /// write gets, no longer: a client that does not read it is gone anyway.
    /// </summary>
    private async Task TellKickedAsync(Kicked notice)
    {
        try
        {
            WriteOwn(notice);
            await output.FlushAsync().AsTask().WaitAsync(options.StallTimeout, time);
        }
        catch (Exception failure) when (failure is TimeoutException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client went meanwhile: nothing more to say to it.
        }
    }

    /// <summary>Whether the loop should stop: the client went, the server is stopping or the hub dropped the stream.</summary>
    private bool HasEnded =>
        subscriber.DropReason is not null || _clientGone.IsCancellationRequested || _stopping.IsCancellationRequested;

    /// <summary>
    /// Cancelled when the client goes or the server stops, and with <paramref name="orDropped"/> when the hub drops the
    /// stream too; made on first use (a wait that must be cut short) and released after. A catch-up's store reads end by
    /// themselves soon enough: only a flush the client holds back needs to hear of a drop, and only it makes the
    /// subscriber's source of its own.
    /// </summary>
    private CancellationToken Ended(bool orDropped) =>
        (_ended ??= orDropped
            ? CancellationTokenSource.CreateLinkedTokenSource(_clientGone, _stopping, subscriber.Dropped)
            : CancellationTokenSource.CreateLinkedTokenSource(_clientGone, _stopping)).Token;

    private void ReleaseEnded()
    {
        _ended?.Dispose();
        _ended = null;
    }

    /// <summary>
    /// The last words of a stream the server ends as it stops: a <c>retry:</c> that EventSource (and any SSE client that
    /// follows the standard) waits before it reconnects with its <c>Last-Event-ID</c>. A block with no data dispatches
    /// no event, so a seed client sees nothing new. False when the client took nothing for the stall timeout (what was
    /// still being written, then this): a reader that stopped reading must not hold the stop up.
    /// </summary>
    public async Task<bool> SayWhenToComeBackAsync(TimeSpan retry)
    {
        try
        {
            if (_flushing is { } pending)
            {
                await pending.WaitAsync(options.StallTimeout, time);
            }

            subscriber.Encoder.WriteFarewell(retry, output);
            var flushed = await output.FlushAsync(CancellationToken.None).AsTask().WaitAsync(options.StallTimeout, time);
            if (!flushed.IsCompleted && !flushed.IsCanceled && !_written.IsEmpty)
            {
                // What was pending when the stop came went out with the farewell.
                metrics?.Delivered(_written);
                _written = default;
            }

            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<StreamCloseReason?> TryCatchUpAsync()
    {
        try
        {
            return await CatchUpAsync(Ended(orDropped: false));
        }
        catch (Exception failure) when (failure is not (OperationCanceledException or OutOfMemoryException))
        {
            // Ended cleanly rather than as a 500: the client reconnects after the retry hint and reads it then.
            return StreamCloseReason.StoreUnavailable;
        }
        finally
        {
            ReleaseEnded();
        }
    }

    /// <summary>
    /// Writes what the store holds for this stream (its mailbox, what it missed) page by page, while live messages
    /// wait in its queue; then removes the mailbox messages it wrote. A stream that ends before that leaves them
    /// waiting for the next one: delivered at least once, never zero times.
    /// </summary>
    private async Task<StreamCloseReason?> CatchUpAsync(CancellationToken ended)
    {
        while (!catchUp.IsDone)
        {
            foreach (var chatEvent in await catchUp.NextPageAsync().WaitAsync(ended))
            {
                WriteOwn(chatEvent);
            }

            if (await FlushAsync() is { } failed)
            {
                return failed;
            }
        }

        _skipThrough = catchUp.SkipThrough;
        if (catchUp.WaitingThrough > 0)
        {
            var (nick, through) = (subscriber.Nick, catchUp.WaitingThrough);
            await store.RunAsync(s =>
            {
                s.RemoveWaiting(nick, through);
                return through;
            }).WaitAsync(ended);
        }

        return null;
    }

    /// <summary>
    /// Writes the opening, the preamble and any catch-up, then what the queue and the presence log hold for as long as
    /// the stream lives; null when it ended without a failure of its own. One method, so an idle stream waits in one
    /// state machine.
    /// </summary>
    private async Task<StreamCloseReason?> PumpAsync()
    {
        output.Write(SseWire.Opening(options.RetryHint));
        foreach (var chatEvent in subscriber.TakePreamble())
        {
            // This stream's own events (welcome, who is online): encoded straight into the response, not into
            // shared bytes no other stream will read; a long list flushed a part at a time.
            WriteId(chatEvent);
            foreach (var _ in subscriber.Encoder.WriteInParts(chatEvent, output, MaxBatchBytes))
            {
                if (await FlushAsync() is { } cut)
                {
                    return cut;
                }
            }

            _written.Count(chatEvent);
        }

        if (catchUp.IsNeeded && await TryCatchUpAsync() is { } notCaughtUp)
        {
            return notCaughtUp;
        }

        var queue = subscriber.Queue;
        while (!HasEnded)
        {
            if (!WriteWaiting())
            {
                return StreamCloseReason.QueueFull; // fell out of the presence log, and its format must hear every line
            }

            if (output.UnflushedBytes == 0 && IsHeartbeatDue())
            {
                output.Write(SseWire.Heartbeat);
            }

            if (output.UnflushedBytes > 0 && await FlushAsync() is { } failed)
            {
                return failed;
            }

            if (!HasBacklog() && !HasEnded)
            {
                // No token: a waiter with one is a new operation and a registration each time. Whatever should wake
                // the loop writes to the queue (see the remarks above), and a completed queue means the hub dropped it.
                await queue.WaitToReadAsync();
            }
        }

        return null;
    }

    /// <summary>
    /// Quiet for a whole heartbeat interval since the last flush. The <see cref="HeartbeatClock"/> wakes quiet streams;
    /// any other wake finds it not yet due and writes nothing.
    /// </summary>
    private bool IsHeartbeatDue() => time.GetElapsedTime(subscriber.LastFlushedAt) >= options.HeartbeatInterval;

    /// <summary>Writes what is waiting, up to a batch; false when the stream fell out of the presence log and cannot catch up.</summary>
    private bool WriteWaiting()
    {
        while (output.UnflushedBytes < MaxBatchBytes)
        {
            // The hub appends to the log and queues under one lock. An announcement in the log before the queue
            // was looked at comes before anything queued after that look; once a message is taken, every
            // announcement ordered before it is in the log by the time the head is read again.
            var headBefore = _presence.Head;
            if (_taken is null && TryTakeMessage(out var next))
            {
                _taken = next;
            }

            var readable = _taken is null ? headBefore : _presence.Head;
            if (ShouldSummarize(readable))
            {
                WriteWhoIsOnline();
                continue;
            }

            Delivery announcement = default;
            var read = _presenceAt < readable ? _presence.TryRead(_presenceAt, out announcement) : PresenceRead.NotYet;
            switch (read)
            {
                case PresenceRead.Overrun when subscriber.Encoder.SummarizesPresence:
                    WriteWhoIsOnline();
                    continue;
                case PresenceRead.Overrun:
                    return false;
                case PresenceRead.Available when _taken is not { } message || announcement.Sequence < message.Sequence:
                    if (!AboutItself(announcement))
                    {
                        WriteShared(announcement);
                    }

                    _presenceAt++;
                    continue;
            }

            if (_taken is not { } taken)
            {
                return true;
            }

            _taken = null;
            WriteShared(taken);
        }

        return true;
    }

    /// <summary>Takes the next message off the queue, passing over nudges (the log is read anyway).</summary>
    private bool TryTakeMessage(out Delivery message)
    {
        while (subscriber.Queue.TryRead(out message))
        {
            subscriber.Dequeued(message);
            if (!message.IsNudge)
            {
                return true;
            }
        }

        return false;
    }

    // Only when the list is smaller than what it replaces: with thousands online, a list per 256 joins would be
    // more to write than the joins themselves.
    private bool ShouldSummarize(long readable) =>
        subscriber.Encoder.SummarizesPresence && readable - _presenceAt > Math.Max(SummarizeAfter, hub.OnlineCount);

    /// <summary>
    /// Who is online now in place of the joins and departures not yet written. The list takes the hub's next place in
    /// order, so the messages taken or queued before it (all in the queue by now) are written first, as the hub accepted them.
    /// </summary>
    private void WriteWhoIsOnline()
    {
        var (onlineNow, presenceFrom) = hub.SummarizePresence(subscriber.Nick);
        if (_taken is { } taken)
        {
            _taken = null;
            WriteShared(taken);
        }

        var queue = subscriber.Queue;
        while (queue.TryPeek(out var next) && (next.IsNudge || next.Sequence < onlineNow.Sequence) && queue.TryRead(out next))
        {
            subscriber.Dequeued(next);
            if (!next.IsNudge)
            {
                WriteShared(next);
            }
        }

        WriteOwn(onlineNow.Event.Event);
        _presenceAt = presenceFrom;
    }

    // A stream never hears its own nick arrive or leave: on one node it opens after its arrival and its nick cannot
    // leave while it is open; on several, the arrival is heard from the shared presence after the stream opened.
    private bool AboutItself(Delivery announcement) => announcement.Event.Event switch
    {
        Joined joined => Nick.SameNick(joined.Nick, subscriber.Nick),
        Left left => Nick.SameNick(left.Nick, subscriber.Nick),
        _ => false,
    };

    private bool HasBacklog() => _taken is not null || subscriber.Queue.TryPeek(out _) || _presence.Head > _presenceAt;

    private void WriteShared(Delivery delivery)
    {
        if (delivery.Event.Event is MessageEvent { Message.Id: var id } && id <= _skipThrough)
        {
            return; // the catch-up wrote it
        }

        WriteId(delivery.Event.Event);
        output.Write(delivery.Event.EncodedBy(subscriber.Encoder).Span);
        _written.Count(delivery.Event.Event);
    }

    private void WriteOwn(ChatEvent chatEvent)
    {
        WriteId(chatEvent);
        subscriber.Encoder.Write(chatEvent, output);
        _written.Count(chatEvent);
    }

    /// <summary>A message's store id, on both formats; joins, departures and the rest carry none, so they never move a client's position.</summary>
    private void WriteId(ChatEvent chatEvent)
    {
        if (chatEvent is MessageEvent { Message.Id: var id })
        {
            SseWire.WriteId(output, id);
        }
    }

    private async ValueTask<StreamCloseReason?> FlushAsync()
    {
        // Not cancelled through the pipe: Kestrel aborts a connection whose flush is cancelled, and a stopping server
        // still has its retry: to write after what is pending. Giving up on a flush is waiting no longer (and the host
        // aborting the connection of a reader cut off).
        var flush = output.FlushAsync(CancellationToken.None);
        FlushResult? result;
        if (flush.IsCompletedSuccessfully)
        {
            result = flush.Result;
        }
        else
        {
            _flushing = flush.AsTask();
            var ownsEnded = _ended is null; // a catch-up's source stays with the catch-up
            try
            {
                result = await AwaitPendingFlushAsync(_flushing, Ended(orDropped: true));
            }
            finally
            {
                if (ownsEnded)
                {
                    ReleaseEnded();
                }
            }

            _flushing = null;
        }

        var failed = result is null ? StreamCloseReason.WriteTimeout
            : result.Value.IsCompleted || result.Value.IsCanceled ? StreamCloseReason.ClientDisconnected
            : (StreamCloseReason?)null;
        if (failed is null)
        {
            subscriber.LastFlushedAt = time.GetTimestamp();
            if (!_written.IsEmpty)
            {
                metrics?.Delivered(_written);
                _written = default;
            }
        }

        return failed;
    }

    /// <summary>
    /// A flush that stays pending means the client is not taking what was written. It is given up on after the
    /// stall timeout if messages are waiting for the stream by then (the reader has stopped while the chat goes on),
    /// and after the write timeout in any case; null then.
    /// </summary>
    private async Task<FlushResult?> AwaitPendingFlushAsync(Task<FlushResult> flush, CancellationToken ended)
    {
        var writeTimeout = options.WriteTimeout;
        var waited = TimeSpan.Zero;
        var next = options.StallTimeout < writeTimeout ? options.StallTimeout : writeTimeout;
        while (true)
        {
            try
            {
                return await flush.WaitAsync(next, time, ended);
            }
            catch (TimeoutException)
            {
                waited += next;

                // Messages only: joins and departures that pile up behind a slow reader during a storm must not
                // be what cuts it off.
                if (waited >= writeTimeout || _taken is not null || subscriber.HasQueuedMessage())
                {
                    return null;
                }

                next = writeTimeout - waited < StallCheck ? writeTimeout - waited : StallCheck;
            }
        }
    }
}
