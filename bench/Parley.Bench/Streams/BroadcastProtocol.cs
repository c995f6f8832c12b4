using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Parley.Bench.Cli;

namespace Parley.Bench.Streams;

/// <summary>
/// How a broadcast is published and how it reads on a stream, for each protocol. Seed: the sender
/// <c>bench</c> sends to <c>all</c> with <c>GET /msg/bench/all%20{payload}</c> and streams see
/// <c>bench to all: {payload}</c>. Nchan: <c>POST /pub/{channel}</c> with the payload as body, and
/// streams see the payload as it is.
/// </summary>
internal sealed class BroadcastProtocol
{
    /// <summary>Room for a request around the longest payload or marker.</summary>
    public const int MaxRequestLength = 512;

    private readonly TargetProtocol _protocol;
    private readonly string _host;
    private readonly string _channel;
    private readonly string _runId;

    private BroadcastProtocol(TargetProtocol protocol, string host, string channel, string runId)
    {
        _protocol = protocol;
        _host = host;
        _channel = channel;
        _runId = runId;
        ReadyPayload = Encoding.ASCII.GetBytes($"ready-{runId}");
        BroadcastPrefix = protocol == TargetProtocol.Seed ? "bench to all: "u8.ToArray() : [];
        ReadyLine = [.. BroadcastPrefix, .. ReadyPayload];
        WelcomePrefix = protocol == TargetProtocol.Seed ? "Welcome "u8.ToArray() : null;
    }

    /// <summary>
    /// The marker a run publishes once every stream is open: a stream that has it has everything published before it.
    /// It names the run, so a marker an nchan channel kept from an earlier run is not mistaken for this one.
    /// </summary>
    public byte[] ReadyPayload { get; }

    /// <summary>The ready marker as a stream's data line.</summary>
    public byte[] ReadyLine { get; }

    /// <summary>What precedes a payload in a stream's data line.</summary>
    public byte[] BroadcastPrefix { get; }

    /// <summary>The start of the first event of a fresh stream, or null when the protocol sends none (nchan).</summary>
    public byte[]? WelcomePrefix { get; }

    /// <param name="channel">The nchan channel broadcasts go to; the seed has one room, everyone.</param>
    public static BroadcastProtocol For(TargetProtocol protocol, string host, string channel) =>
        new(protocol, host, channel, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    /// <summary>The same run (ready marker, channel) published through another node of the chat, named by its <c>Host</c>.</summary>
    public BroadcastProtocol ForHost(string host) => new(_protocol, host, _channel, _runId);

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
