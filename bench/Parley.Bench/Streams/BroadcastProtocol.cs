using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Parley.Bench.Cli;

namespace Parley.Bench.Streams;

/// <summary>
/// How a broadcast is published and how it reads on a stream, for each protocol. Seed: the sender
/// <c>bench</c> sends to <c>all</c> with <c>GET /msg/bench/all%20{payload}</c> and streams see
/// <c>bench to all: {payload}</c>. JSON: published the same way, and streams see it as the <c>text</c> of a
/// message event's JSON. Nchan: <c>POST /pub/{channel}</c> with the payload as body, and streams see the payload
/// as it is.
/// </summary>
internal sealed class BroadcastProtocol
{
    /// <summary>Room for a request around the longest payload or marker.</summary>
    public const int MaxRequestLength = 512;

    private static readonly byte[] SeedPrefix = "bench to all: "u8.ToArray();

    // Parley's JSON encoder writes a message's fields in this order; the text follows unescaped, as no payload or
    // marker holds a quote or a backslash.
    private static readonly byte[] JsonBroadcastFields = ",\"from\":\"bench\",\"to\":\"all\",\"text\":\""u8.ToArray();

    // How broadcasts are published: JSON streams read what the seed's send route publishes.
    private readonly TargetProtocol _protocol;

    // How streams read them.
    private readonly TargetProtocol _streams;
    private readonly string _host;
    private readonly string _channel;
    private readonly string _runId;

    private BroadcastProtocol(TargetProtocol streams, string host, string channel, string runId)
    {
        _streams = streams;
        _protocol = streams == TargetProtocol.Json ? TargetProtocol.Seed : streams;
        _host = host;
        _channel = channel;
        _runId = runId;
        ReadyPayload = Encoding.ASCII.GetBytes($"ready-{runId}");
    }

    /// <summary>
    /// The marker a run publishes once every stream is open: a stream that has it has everything published before it.
    /// It names the run, so a marker an nchan channel kept from an earlier run is not mistaken for this one. A run that
    /// needs to know more than once that streams caught up publishes further markers, numbered from 2 after it.
    /// </summary>
    public byte[] ReadyPayload { get; }

    /// <summary>Whether a fresh stream opens with a welcome event (seed, JSON); Nchan sends none.</summary>
    public bool HasWelcome => _streams != TargetProtocol.Nchan;

    /// <param name="channel">The nchan channel broadcasts go to; the seed has one room, everyone.</param>
    public static BroadcastProtocol For(TargetProtocol protocol, string host, string channel) =>
        new(protocol, host, channel, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    /// <summary>The same run (ready marker, channel) published through another node of the chat, named by its <c>Host</c>.</summary>
    public BroadcastProtocol ForHost(string host) => new(_streams, host, _channel, _runId);

    /// <summary>Ready marker <paramref name="number"/>: the first is <see cref="ReadyPayload"/>, later ones add <c>-{number}</c>.</summary>
    public byte[] ReadyMarker(int number) =>
        number == 1 ? ReadyPayload : [.. ReadyPayload, .. Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"-{number}"))];

    /// <summary>Which of this run's ready markers <paramref name="payload"/> is, or 0 when it is none.</summary>
    public int ReadyNumber(ReadOnlySpan<byte> payload)
    {
        if (!payload.StartsWith(ReadyPayload))
        {
            return 0;
        }

        var rest = payload[ReadyPayload.Length..];
        if (rest.IsEmpty)
        {
            return 1;
        }

        return rest[0] == '-' && Utf8Parser.TryParse(rest[1..], out int number, out var consumed) && consumed == rest.Length - 1 && number >= 2
            ? number
            : 0;
    }

    /// <summary>The payload of a broadcast in a stream's data line; false for anything else (joins, leaves, the online list).</summary>
    public bool TryReadBroadcast(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        switch (_streams)
        {
            case TargetProtocol.Seed:
                if (!data.StartsWith(SeedPrefix))
                {
                    return false;
                }

                payload = data[SeedPrefix.Length..];
                return true;
            case TargetProtocol.Json:
                var fields = data.IndexOf(JsonBroadcastFields);
                if (!data.StartsWith("{\"id\":"u8) || fields < 0)
                {
                    return false;
                }

                var text = data[(fields + JsonBroadcastFields.Length)..];
                var end = text.IndexOf((byte)'"');
                payload = end < 0 ? default : text[..end];
                return end >= 0;
            default:
                payload = data;
                return true;
        }
    }

    /// <summary>
    /// Whether <paramref name="data"/> is the welcome a fresh stream opens with: the seed's <c>Welcome {nick}!</c>,
    /// the JSON <c>welcome</c> event's <c>{"nick":…,"lastEventId":…}</c> (a <c>joined</c> event holds a nick only).
    /// </summary>
    public bool IsWelcome(ReadOnlySpan<byte> data) => _streams switch
    {
        TargetProtocol.Seed => data.StartsWith("Welcome "u8),
        TargetProtocol.Json => data.StartsWith("{\"nick\":"u8) && data.IndexOf(",\"lastEventId\":"u8) >= 0,
        _ => false,
    };

    /// <summary>Writes the whole request that publishes <paramref name="payload"/>; returns its length.</summary>
    public int WriteRequest(Span<byte> destination, ReadOnlySpan<byte> payload)
    {
        var invariant = CultureInfo.InvariantCulture;
        var fits = _protocol == TargetProtocol.Seed
            ? Utf8.TryWrite(destination, invariant, $"GET /msg/bench/all%20{payload} HTTP/1.1\r\nHost: {_host}\r\n\r\n", out var written)
            : Utf8.TryWrite(destination, invariant, $"POST /pub/{_channel} HTTP/1.1\r\nHost: {_host}\r\nContent-Type: text/plain\r\nContent-Length: {payload.Length}\r\n\r\n{payload}", out written);
        return fits ? written : throw new ArgumentException("too small for the request", nameof(destination));
    }
}
