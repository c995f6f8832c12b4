using System.Diagnostics.Metrics;
using Parley.Chat;

namespace Parley.Diagnostics;

/// <summary>
/// Parley's instruments for streams and messages, on the <c>Parley</c> meter (scraped at <c>/metrics</c>; readable with
/// <c>dotnet-counters monitor -n Parley --counters Parley</c>). Names and units follow OpenTelemetry's semantic
/// conventions. Tags are cached pairs, so a measurement allocates nothing, and nothing here takes a lock of its own.
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "Parley";

    private static readonly KeyValuePair<string, object?> SeedFormat = new("format", "seed");
    private static readonly KeyValuePair<string, object?> JsonFormat = new("format", "json");
    private static readonly KeyValuePair<string, object?> ToAll = new("kind", "all");
    private static readonly KeyValuePair<string, object?> Direct = new("kind", "direct");
    private static readonly KeyValuePair<string, object?> Presence = new("kind", "presence");
    private static readonly KeyValuePair<string, object?> Online = new("delivery", "online");
    private static readonly KeyValuePair<string, object?> Stored = new("delivery", "stored");

    /// <summary>How long one walk of the stream queues answers the queue gauges: both are read in the same collection.</summary>
    internal static readonly TimeSpan QueueReadingLifetime = TimeSpan.FromSeconds(1);

    private readonly Meter _meter;
    private readonly TimeProvider _time;
    private readonly UpDownCounter<long> _openStreams;
    private readonly Counter<long> _closedStreams;
    private readonly Counter<long> _acceptedMessages;
    private readonly Counter<long> _deliveredMessages;

    public ChatMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        _meter = meterFactory.Create(MeterName);
        _openStreams = _meter.CreateUpDownCounter<long>("parley.streams.open", "{stream}", "Streams open now, by format");
        _closedStreams = _meter.CreateCounter<long>("parley.streams.closed", "{stream}", "Streams closed, by reason (queue_full and write_timeout are slow readers cut off)");
        _acceptedMessages = _meter.CreateCounter<long>("parley.messages.accepted", "{message}", "Messages accepted, by kind and delivery");
        _deliveredMessages = _meter.CreateCounter<long>(
            "parley.messages.delivered",
            "{message}",
            "Messages and joins or departures written and flushed to a stream, by kind (all, direct, presence); one per stream that got it");
    }

    public void StreamOpened(StreamFormat format) => _openStreams.Add(1, FormatTag(format));

    public void StreamClosed(StreamFormat format, StreamCloseReason reason)
    {
        var formatTag = FormatTag(format);
        _openStreams.Add(-1, formatTag);
        _closedStreams.Add(1, formatTag, new KeyValuePair<string, object?>("reason", ReasonTag(reason)));
    }

    public void MessageAccepted(bool broadcast, DeliveryState delivery) =>
        _acceptedMessages.Add(1, broadcast ? ToAll : Direct, delivery == DeliveryState.Stored ? Stored : Online);

    /// <summary>What one stream flushed: counted once per flush, not per event, so a stream's hot loop adds at most three measurements a batch.</summary>
    internal void Delivered(in DeliveryTally tally)
    {
        if (tally.ToAll > 0)
        {
            _deliveredMessages.Add(tally.ToAll, ToAll);
        }

        if (tally.Direct > 0)
        {
            _deliveredMessages.Add(tally.Direct, Direct);
        }

        if (tally.Presence > 0)
        {
            _deliveredMessages.Add(tally.Presence, Presence);
        }
    }

    /// <summary>
    /// The gauges read from the hub when metrics are collected (a scrape), never on the way of a message: who is online
    /// and what waits in the streams' queues.
    /// </summary>
    public void ObserveHub(ChatHub hub) => Observe(() => hub.OnlineCount, hub.QueuedBytes);

    /// <summary>
    /// The hub's gauges from <paramref name="online"/> and <paramref name="queued"/>. A walk of the queues takes the hub's
    /// lock and reads every stream: one walk answers both queue gauges of a collection, and any other collection within
    /// <see cref="QueueReadingLifetime"/> (several scrapers, or a <c>dotnet-counters</c> beside Prometheus).
    /// </summary>
    internal void Observe(Func<int> online, Func<(long Total, long Largest)> queued)
    {
        var queues = new QueueReading(queued, _time);

        // On several nodes each node reports every nick online on any node: take the max over nodes, not the sum.
        _meter.CreateObservableGauge("parley.nicks.online", () => (long)online(), "{nick}", "Nicks online now (on several nodes: on any node)");
        _meter.CreateObservableGauge(
            "parley.streams.queued",
            () => queues.Read().Total,
            "By",
            "Message bytes waiting in every stream's queue now (64 plus text and nicks per message, as Parley:Streams:QueueBytes counts them)");
        _meter.CreateObservableGauge(
            "parley.streams.queued.max",
            () => queues.Read().Largest,
            "By",
            "Message bytes waiting in the fullest stream's queue now; a stream past Parley:Streams:QueueBytes is cut off");
    }

    private static KeyValuePair<string, object?> FormatTag(StreamFormat format) => format == StreamFormat.Seed ? SeedFormat : JsonFormat;

    public static string ReasonTag(StreamCloseReason reason) => reason switch
    {
        StreamCloseReason.ClientDisconnected => "client_disconnected",
        StreamCloseReason.ServerShutdown => "server_shutdown",
        StreamCloseReason.QueueFull => "queue_full",
        StreamCloseReason.StoreUnavailable => "store_unavailable",
        StreamCloseReason.WriteTimeout => "write_timeout",
        StreamCloseReason.Kicked => "kicked",
        _ => "unknown",
    };

    /// <summary>
    /// The last walk of the queues and when it was taken, replaced whole (no lock): two collections at the same moment
    /// may both walk, which is only the cost this saves, never a wrong reading.
    /// </summary>
    private sealed class QueueReading(Func<(long Total, long Largest)> walk, TimeProvider time)
    {
        private Taken? _last;

        public (long Total, long Largest) Read()
        {
            var now = time.GetTimestamp();
            if (Volatile.Read(ref _last) is { } last && time.GetElapsedTime(last.At, now) < QueueReadingLifetime)
            {
                return last.Queued;
            }

            var queued = walk();
            Volatile.Write(ref _last, new Taken(now, queued));
            return queued;
        }

        private sealed record Taken(long At, (long Total, long Largest) Queued);
    }
}
