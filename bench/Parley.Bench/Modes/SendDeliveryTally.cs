using System.Buffers.Text;
using System.Text;

namespace Parley.Bench.Modes;

/// <summary>
/// Counts what the listener of <c>send</c> received: how many of the texts <c>hello 0</c> to <c>hello N-1</c>
/// arrived, and how many arrived more than once. Counting starts at the ready marker, so whatever the stream
/// replays on connect (nchan's buffered messages of an earlier round, the seed's welcome) is not counted.
/// Only the listener's receive loop calls <see cref="OnData"/>; the counts are safe to read from elsewhere.
/// </summary>
internal sealed class SendDeliveryTally
{
    private readonly int[] _copies;
    private readonly byte[] _prefix;
    private readonly byte[] _marker;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allDelivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _counting;
    private int _delivered;
    private int _duplicated;

    /// <param name="sends">N: the texts expected are <c>hello 0</c> to <c>hello N-1</c>.</param>
    /// <param name="prefix">What the server puts before each text on the data line (<c>mary: </c> for the seed).</param>
    /// <param name="marker">The start of the ready marker's text.</param>
    public SendDeliveryTally(int sends, string prefix, string marker)
    {
        _copies = new int[sends];
        _prefix = Encoding.UTF8.GetBytes(prefix);
        _marker = Encoding.UTF8.GetBytes(marker);
    }

    /// <summary>Completes when the marker arrived: the stream is live end to end and counting has begun.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Completes when every text has arrived at least once.</summary>
    public Task AllDelivered => _allDelivered.Task;

    /// <summary>Distinct texts received.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>Copies received beyond the first of a text.</summary>
    public int Duplicated => Volatile.Read(ref _duplicated);

    public void OnData(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith(_prefix))
        {
            return;
        }

        var text = data[_prefix.Length..];
        if (!_counting)
        {
            if (text.StartsWith(_marker))
            {
                _counting = true;
                _ready.TrySetResult();
            }

            return;
        }

        if (!text.StartsWith("hello "u8)
            || !Utf8Parser.TryParse(text[6..], out int i, out var used)
            || used != text.Length - 6
            || i < 0
            || i >= _copies.Length)
        {
            return; // a later marker of the retries, or someone else's message
        }

        if (++_copies[i] > 1)
        {
            Interlocked.Increment(ref _duplicated);
        }
        else if (Interlocked.Increment(ref _delivered) == _copies.Length)
        {
            _allDelivered.TrySetResult();
        }
    }
}
