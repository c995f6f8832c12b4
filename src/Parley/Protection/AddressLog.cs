using System.Net;

namespace Parley.Protection;

/// <summary>
/// The times of one kind of request per client address within a sliding window, to refuse past a limit. On
/// <see cref="TimeProvider"/> rather than System.Threading.RateLimiting's window limiters, which read Stopwatch: a
/// test of an hour's limit needs a fake clock. Full of live entries (tens of thousands of addresses within the window),
/// a further address goes untracked rather than refused.
/// </summary>
internal sealed class AddressLog(TimeSpan window, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly RecentEvents _addresses = new(StringComparer.Ordinal, LoginThrottle.MaxTracked, time);

    /// <summary>Counts a request from <paramref name="address"/>, or refuses it and says when the oldest in the window expires.</summary>
    public bool TryAdd(IPAddress? address, int limit, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (ClientAddress.KeyOf(address) is not { } key)
        {
            return true;
        }

        lock (_gate)
        {
            if (_addresses.Find(key, window) is { } track && track.Times.Count >= limit)
            {
                retryAfter = track.Times.Peek() + window - time.GetUtcNow();
                return false;
            }

            _addresses.Add(key, window);
            return true;
        }
    }
}
