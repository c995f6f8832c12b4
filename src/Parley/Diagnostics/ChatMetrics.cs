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

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _openStreams;
    private readonly Counter<long> _closedStreams;
    private readonly Counter<long> _acceptedMessages;
    private readonly Counter<long> _deliveredMessages;

    public ChatMetrics(IMeterFactory meterFactory)
    {
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
    public void ObserveHub(ChatHub hub)
    {
        // On several nodes each node reports every nick online on any node: take the max over nodes, not the sum.
        _meter.CreateObservableGauge("parley.nicks.online", () => (long)hub.OnlineCount, "{nick}", "Nicks online now (on several nodes: on any node)");
        _meter.CreateObservableGauge(
            "parley.streams.queued",
            () => hub.QueuedBytes().Total,
            "By",
            "Message bytes waiting in every stream's queue now (64 plus text and nicks per message, as Parley:Streams:QueueBytes counts them)");
        _meter.CreateObservableGauge(
            "parley.streams.queued.max",
            () => hub.QueuedBytes().Largest,
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
}
