using System.Diagnostics.Metrics;
using Parley.Chat;

namespace Parley.Diagnostics;

/// <summary>Parley's instruments, on the <c>Parley</c> meter (readable with <c>dotnet-counters monitor -n Parley --counters Parley</c>).</summary>
public sealed class ChatMetrics
{
    public const string MeterName = "Parley";

    private readonly UpDownCounter<long> _openStreams;
    private readonly Counter<long> _closedStreams;
    private readonly Counter<long> _acceptedMessages;

    public ChatMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _openStreams = meter.CreateUpDownCounter<long>("parley.streams.open", "{stream}", "Streams open now");
        _closedStreams = meter.CreateCounter<long>("parley.streams.closed", "{stream}", "Streams closed, by reason (queue_full and write_timeout are slow readers cut off)");
        _acceptedMessages = meter.CreateCounter<long>("parley.messages.accepted", "{message}", "Messages accepted, by kind and delivery");
    }

    public void StreamOpened(StreamFormat format) =>
        _openStreams.Add(1, new KeyValuePair<string, object?>("format", FormatTag(format)));

    public void StreamClosed(StreamFormat format, StreamCloseReason reason)
    {
        var formatTag = new KeyValuePair<string, object?>("format", FormatTag(format));
        _openStreams.Add(-1, formatTag);
        _closedStreams.Add(1, formatTag, new KeyValuePair<string, object?>("reason", ReasonTag(reason)));
    }

    public void MessageAccepted(bool broadcast, DeliveryState delivery) => _acceptedMessages.Add(
        1,
        new KeyValuePair<string, object?>("kind", broadcast ? "all" : "direct"),
        new KeyValuePair<string, object?>("delivery", delivery == DeliveryState.Stored ? "stored" : "online"));

    private static string FormatTag(StreamFormat format) => format == StreamFormat.Seed ? "seed" : "json";

    public static string ReasonTag(StreamCloseReason reason) => reason switch
    {
        StreamCloseReason.ClientDisconnected => "client_disconnected",
        StreamCloseReason.ServerShutdown => "server_shutdown",
        StreamCloseReason.QueueFull => "queue_full",
        StreamCloseReason.StoreUnavailable => "store_unavailable",
        StreamCloseReason.WriteTimeout => "write_timeout",
        _ => "unknown",
    };
}
