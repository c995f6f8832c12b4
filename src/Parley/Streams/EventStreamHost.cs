using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Parley.Chat;
using Parley.Cluster;
using Parley.Diagnostics;
using Parley.Moderation;
using Parley.Protection;
using Parley.Storage;

namespace Parley.Streams;

/// <summary>
/// Serves one SSE stream for either protocol: registers it with the hub, runs its writer loop for as
/// long as it lives, and takes it out again. The protocols differ only in their encoder and in how
/// they word a refusal.
/// </summary>
public sealed class EventStreamHost(
    ChatHub hub,
    IChatBackplane backplane,
    IOptionsMonitor<ChatOptions> chatOptions,
    StoreThread store,
    IOptionsMonitor<StoreOptions> storeOptions,
    IOptionsMonitor<StreamOptions> options,
    TimeProvider time,
    StreamDrain drain,
    ChatMetrics metrics,
    LimitMetrics limits,
    BanList bans,
    ILogger<EventStreamHost> logger)
{
    /// <summary>Opens a stream for <paramref name="nick"/>, or returns why the hub refused it (nothing is written then).</summary>
    /// <param name="resumeAfter">The id of the last message a reconnecting client saw (its <c>Last-Event-ID</c>).</param>
    /// <param name="stillAdmitted">
    /// Asked once the stream is registered, before it reads anything: a refusal then unregisters it. The seed routes ask
    /// whether the nick is still nobody's, closing the moment between their check and the registration.
    /// </param>
    public async Task<Rejection?> ServeAsync(HttpContext context, string nick, IEventEncoder encoder, long? resumeAfter = null, Func<Rejection?>? stillAdmitted = null)
    {
        var settings = options.CurrentValue;
        var remote = context.RemoteAddressForLog();
        if (drain.IsDraining)
        {
            // Its client comes back after the retry: to this node once restarted, or through the balancer to another.
            // EventSource fails for good on anything but a 200 event stream, so a stream that only says when.
            var stopping = drain.Refusal();
            StreamLog.Refused(logger, nick, remote, stopping.Reason);
            if (!context.Request.AcceptsEventStream())
            {
                return stopping;
            }

            PrepareResponse(context);
            encoder.WriteFarewell(drain.NextRetry(), context.Response.BodyWriter);
            await context.Response.BodyWriter.FlushAsync(CancellationToken.None); // a few bytes: the socket takes them
            return null;
        }

        var address = context.Connection.RemoteIpAddress;
        if (bans.Refusal(nick, address) is { } banned)
        {
            StreamLog.Refused(logger, nick, remote, banned.Reason);
            return banned;
        }

        var subscriber = new Subscriber(nick, encoder, settings.QueueBytes, remote, ClientAddress.KeyOf(address), time.GetUtcNow());

        // Registered first, read from the store second: a message committed in between is both queued and read, and
        // the writer skips the queued copy, so nothing falls between the two.
        var connected = hub.Connect(subscriber);
        if (connected.Rejection is { } refused)
        {
            CountRefusal(refused);
            StreamLog.Refused(logger, nick, remote, refused.Reason);
            return refused;
        }

        // Then counted over every node (on one node the hub counted it). Only now may other nodes learn the nick is
        // here: a message they then send it live finds this stream registered.
        Rejection? elsewhere;
        try
        {
            elsewhere = await backplane.OpeningStreamAsync(nick, chatOptions.CurrentValue.MaxStreamsPerNick, CancellationToken.None);
        }
        catch
        {
            hub.Disconnect(subscriber, StreamCloseReason.ClientDisconnected);
            throw;
        }

        // Bans asked again once registered: a ban added since the first look either shows here or finds this stream
        // registered when its kick runs (the moderator adds the ban before it kicks), so no stream slips between.
        if ((elsewhere ?? stillAdmitted?.Invoke() ?? bans.Refusal(nick, address)) is { } late)
        {
            hub.Disconnect(subscriber, StreamCloseReason.ClientDisconnected);
            if (elsewhere is null)
            {
                backplane.StreamClosed(nick);
            }

            CountRefusal(late);
            StreamLog.Refused(logger, nick, remote, late.Reason);
            return late;
        }

        StreamLog.Opened(logger, nick, remote, encoder.Format);
        HeldRequest.ForgetCookies(context); // the session was read and checked above: nothing reads it again
        var reason = StreamCloseReason.ClientDisconnected;
        try
        {
            PrepareResponse(context);
            var catchUp = new CatchUp(store, nick, resumeAfter, connected.RegisteredAfter, connected.TakesMailbox, storeOptions.CurrentValue.CatchUpPageSize);
            var writer = new EventStreamWriter(subscriber, hub, catchUp, store, context.Response.BodyWriter, settings, time, metrics);
            reason = await writer.RunAsync(context.RequestAborted, drain.Started);
            if (reason == StreamCloseReason.ServerShutdown && !await writer.SayWhenToComeBackAsync(drain.NextRetry()))
            {
                context.Abort(); // not reading: it comes back after its last hint all the same
            }
        }
        finally
        {
            hub.Disconnect(subscriber, reason);
            backplane.StreamClosed(nick);
        }

        if (reason is StreamCloseReason.QueueFull or StreamCloseReason.WriteTimeout)
        {
            // A reader that stopped reading will not read a clean ending either: free the connection now.
            StreamLog.CutOff(logger, nick, remote, reason);
            context.Abort();
        }

        StreamLog.Closed(logger, nick, remote, reason);
        return null;
    }

    /// <summary>A stream limit's refusal (429): the hub's and the shared presence's name the field they count by, the nick or the address.</summary>
    private void CountRefusal(Rejection refused)
    {
        if (refused.Kind == RejectionKind.LimitReached)
        {
            limits.Refused(refused.Field == "address" ? RefusedLimit.StreamsPerAddress : RefusedLimit.StreamsPerNick);
        }
    }

    private static void PrepareResponse(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx and friends: pass events through as they come
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }
}
