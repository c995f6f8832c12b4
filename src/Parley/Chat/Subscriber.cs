using System.Threading.Channels;

namespace Parley.Chat;

/// <summary>
/// One open stream as the hub sees it: a nick, a wire format and a bounded queue that exactly one
/// writer loop drains. The hub only ever calls <see cref="TryEnqueue"/>, so no sender waits on a reader.
/// </summary>
public sealed class Subscriber : IDisposable
{
    private readonly Channel<Delivery> _queue;
    private readonly CancellationTokenSource _dropped = new();
    private List<Delivery>? _preamble = [];

    public Subscriber(string nick, IEventEncoder encoder, int queueCapacity, string remoteAddress)
    {
        Nick = nick;
        Encoder = encoder;
        RemoteAddress = remoteAddress;
        _queue = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // never waited on: TryWrite fails when full and the stream is dropped
        });
    }

    public string Nick { get; }

    public IEventEncoder Encoder { get; }

    public string RemoteAddress { get; }

    public ChannelReader<Delivery> Queue => _queue.Reader;

    /// <summary>Cancelled when the hub drops this stream; the writer loop stops at once instead of draining.</summary>
    public CancellationToken Dropped => _dropped.Token;

    /// <summary>Why the hub dropped the stream, or null while it has not.</summary>
    public StreamCloseReason? DropReason { get; private set; }

    /// <summary>
    /// The events a stream opens with (welcome, who is online, waiting messages). They are written before the
    /// queue is read and do not count against its capacity, so a long backlog of waiting messages never
    /// makes a fresh stream look slow.
    /// </summary>
    public IReadOnlyList<Delivery> TakePreamble()
    {
        var preamble = _preamble ?? [];
        _preamble = null;
        return preamble;
    }

    internal void AddToPreamble(Delivery delivery) =>
        (_preamble ?? throw new InvalidOperationException("The preamble was already taken.")).Add(delivery);

    internal bool TryEnqueue(Delivery delivery) => _queue.Writer.TryWrite(delivery);

    /// <summary>Marks the stream dropped. Cancelling is left to <see cref="SignalDropped"/>, outside the hub's lock.</summary>
    internal void MarkDropped(StreamCloseReason reason)
    {
        DropReason ??= reason;
        _queue.Writer.TryComplete();
    }

    internal void SignalDropped() => _dropped.Cancel();

    public void Dispose() => _dropped.Dispose();
}
