using System.Runtime.InteropServices;

namespace Parley.Chat;

public sealed partial class ChatHub
{
    /// <summary>
    /// Wakes every stream that has not flushed since <paramref name="quietSince"/> (a <see cref="TimeProvider"/>
    /// timestamp), so its writer loop writes a heartbeat. One walk for every stream, a read of one number each, in place
    /// of a timer per stream.
    /// </summary>
    public void WakeQuietStreams(long quietSince)
    {
        lock (_gate)
        {
            foreach (var stream in CollectionsMarshal.AsSpan(_streams))
            {
                if (stream.LastFlushedAt <= quietSince)
                {
                    stream.Nudge();
                }
            }
        }
    }

    /// <summary>Wakes every stream's writer loop, which then looks whether it should end (the server stopping).</summary>
    public void WakeEveryStream() => WakeQuietStreams(long.MaxValue);
}
