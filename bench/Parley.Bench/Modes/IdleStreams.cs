using System.Diagnostics;
using System.Net.Sockets;
using Parley.Bench.Cli;
using Parley.Bench.Measure;
using Parley.Bench.Streams;

namespace Parley.Bench.Modes;

/// <summary>
/// The streams idle holds, one nick or channel each: opened together, caught up with ready markers, given a burst of
/// broadcasts, and every second one closed and opened anew. Every step returns why it failed, or null.
/// </summary>
/// <remarks>
/// Seed stream <c>i</c> is <c>GET /i{i}</c>; JSON stream <c>i</c> is <c>GET /api/events?nick=i{i}</c> with the guest session of
/// <c>i{i}</c>; Nchan stream <c>i</c> is <c>GET /sub/idle{i}/idle</c>, its own channel and the room every broadcast goes to,
/// as a chat user has a mailbox and the room.
/// </remarks>
internal sealed class IdleStreams : IDisposable
{
    /// <summary>The Nchan channel every stream also subscribes to, and broadcasts are published to.</summary>
    public const string Room = "idle";

    // A phase that sees no byte arrive at any stream for this long is stuck, not slow.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DeliveryStall = TimeSpan.FromSeconds(10);

    private readonly TargetProtocol _kind;
    private readonly StreamTarget _target;
    private readonly SourceAddresses _sources;
    private readonly BroadcastProtocol _protocol;
    private readonly ParleyApi? _api;
    private readonly int _burst;
    private readonly LatencyRecorder _latencies = new();
    private readonly BroadcastReceiver[] _receivers;
    private readonly SubscriberGroup _group;
    private string[]? _cookies;

    private IdleStreams(TargetProtocol kind, StreamTarget target, Uri url, int streams, int burst)
    {
        _kind = kind;
        _target = target;
        _sources = SourceAddresses.Choose(0, streams, target.IsLoopback);
        _protocol = BroadcastProtocol.For(kind, target.Host, Room);
        _api = kind == TargetProtocol.Nchan ? null : new ParleyApi(url);
        _burst = burst;
        _receivers = [.. Enumerable.Range(0, streams).Select(_ => NewReceiver())];
        _group = new SubscriberGroup(_receivers);
    }

    /// <summary>Sockets the tool holds besides the streams: the Parley API's connections and the marker's publisher.</summary>
    public static int ExtraSockets => ParleyApi.Connections + 1;

    public int Count => _receivers.Length;

    /// <summary>The stream indices that churn closes and opens anew: every second one.</summary>
    public IReadOnlyList<int> Churned => [.. Enumerable.Range(0, Count).Where(i => i % 2 == 1)];

    public int OpenCount => _group.OpenCount;

    public bool AnyEnded => _group.AnyEnded;

    public static async Task<IdleStreams> CreateAsync(CommonSettings common, int streams, int burst, CancellationToken cancellation)
    {
        var target = await StreamTarget.ResolveAsync(common.Url, cancellation);
        return new IdleStreams(common.Protocol, target, common.Url, streams, burst);
    }

    /// <summary>
    /// Opens the streams at <paramref name="indices"/> (JSON: after starting their nicks' guest sessions, once) and
    /// waits until each is welcomed; Nchan sends nothing on a fresh stream, so its 200 head is the first sign it is open.
    /// </summary>
    /// <returns>When the last of them was welcomed or opened, or why they could not open.</returns>
    public async Task<(long OpenedAt, string? Failure)> OpenAsync(IReadOnlyList<int> indices, CancellationToken cancellation)
    {
        try
        {
            if (_kind == TargetProtocol.Json)
            {
                _cookies ??= await _api!.StartGuestSessionsAsync([.. Enumerable.Range(0, Count).Select(NickOf)], cancellation);
                foreach (var i in indices)
                {
                    _group.Subscribers[i].Cookie = _cookies[i];
                }
            }

            await _group.OpenAsync(indices, _ => _target, PathOf, _sources, cancellation);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException or HttpRequestException)
        {
            return (0, $"a stream could not open: {e.Message}");
        }

        if (!_protocol.HasWelcome)
        {
            return (indices.Max(i => _group.Subscribers[i].OpenedAt), null);
        }

        var welcomed = await _group.WaitAsync(() => _group.AnyEnded || indices.All(i => _receivers[i].WelcomedAt != 0), Stall, cancellation);
        return welcomed && !_group.AnyEnded
            ? (indices.Max(i => _receivers[i].WelcomedAt), null)
            : (0, $"{indices.Count(i => _receivers[i].WelcomedAt == 0):N0} streams saw no welcome; {_group.EndedCount:N0} ended");
    }

    /// <summary>
    /// Publishes ready marker <paramref name="marker"/> and waits until the streams at <paramref name="indices"/> have it:
    /// then they have everything queued for them before it, on the seed every join and leave announcement.
    /// </summary>
    public async Task<string?> CatchUpAsync(IReadOnlyList<int> indices, int marker, string missing, CancellationToken cancellation)
    {
        using var publisher = new BroadcastPublisher(_target, _protocol);
        return await ReadyMarker.PublishAndAwaitAsync(
            publisher, _group, [.. indices.Select(i => _receivers[i])], marker, Stall, missing, cancellation);
    }

    /// <summary>
    /// Publishes the burst through <paramref name="publishers"/> publishers, as fast as they are answered, and waits
    /// until every stream has every broadcast, or until no stream has received a byte for 10 s.
    /// </summary>
    public async Task<BurstDeliveries> BurstAsync(int publishers, CancellationToken cancellation)
    {
        var publishing = Enumerable.Range(0, publishers).Select(_ => new BroadcastPublisher(_target, _protocol)).ToArray();
        try
        {
            var schedule = new PublishSchedule(_burst, 0, Stopwatch.GetTimestamp());
            await Task.WhenAll(publishing.Select(p => p.RunAsync(schedule, cancellation)));
            var expected = (long)Count * _burst;
            await _group.WaitAsync(() => _receivers.Sum(r => (long)r.Deliveries.Received) == expected, DeliveryStall, cancellation);
            return new BurstDeliveries(
                _burst,
                expected,
                _receivers.Sum(r => (long)r.Deliveries.Received),
                _receivers.Sum(r => (long)r.Deliveries.Duplicated),
                _receivers.Sum(r => (long)r.Deliveries.Stray),
                publishing.Sum(p => p.Accepted),
                publishing.Select(p => p.Failure).FirstOrDefault(f => f is not null));
        }
        finally
        {
            foreach (var publisher in publishing)
            {
                publisher.Dispose();
            }
        }
    }

    /// <summary>
    /// Closes the streams at <paramref name="indices"/> and, on Parley, waits until the server lists only the others
    /// online: each closed stream was its nick's only one, so the nick has left and will join again when it reopens.
    /// Nchan has no presence: a closed subscriber is simply gone.
    /// </summary>
    public async Task<string?> CloseAsync(IReadOnlyList<int> indices, CancellationToken cancellation)
    {
        var closing = indices.ToHashSet();
        foreach (var i in closing)
        {
            _receivers[i] = NewReceiver();
        }

        if (await _group.CloseAsync(indices, i => _receivers[i]) is { } broken)
        {
            return broken;
        }

        if (_api is null)
        {
            return null;
        }

        try
        {
            return await AwaitOnlineAsync(Count - closing.Count, cancellation);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // A seed server that is not Parley (the PHP seed) has no online list to tell when a nick has left.
            return $"cannot tell when the closed streams left the chat: GET /api/users/online failed ({e.Message})";
        }
    }

    /// <summary>Closes every stream; returns how many were still open first, and the error of one that broke, or null.</summary>
    public async Task<(int Open, string? Broken)> CloseAllAsync()
    {
        var open = _group.OpenCount;
        return (open, await _group.CloseAllAsync());
    }

    public void Dispose()
    {
        _group.Dispose();
        _api?.Dispose();
    }

    private static string NickOf(int i) => $"i{i}";

    private string PathOf(int i) => _kind switch
    {
        TargetProtocol.Seed => $"/{NickOf(i)}",
        TargetProtocol.Json => $"/api/events?nick={NickOf(i)}",
        _ => $"/sub/idle{i}/{Room}",
    };

    private BroadcastReceiver NewReceiver() => new(_protocol, new DeliveryTracker(_burst), _latencies);

    /// <summary>Polls the online list until it holds <paramref name="expected"/> nicks, or has not changed for <see cref="Stall"/>.</summary>
    private async Task<string?> AwaitOnlineAsync(int expected, CancellationToken cancellation)
    {
        var online = await _api!.OnlineCountAsync(cancellation);
        var changedAt = Stopwatch.GetTimestamp();
        while (online != expected)
        {
            if (Stopwatch.GetElapsedTime(changedAt) > Stall)
            {
                return $"{online:N0} nicks online {Stall.TotalSeconds:0} s after closing streams, not {expected:N0}";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
            var now = await _api.OnlineCountAsync(cancellation);
            if (now != online)
            {
                online = now;
                changedAt = Stopwatch.GetTimestamp();
            }
        }

        return null;
    }
}
