namespace Parley.Protection;

/// <summary>
/// The times of recent events per key (failed logins of a nick, registrations from an address), with an optional
/// lock-out, in a table of bounded size. Not thread-safe: its owner locks around every call, and every call is
/// short (one lookup; a pass over the table at most once a second, and only when it is full).
/// </summary>
internal sealed class RecentEvents(IEqualityComparer<string> keys, int capacity, TimeProvider time)
{
    // A pass over a full table costs about a millisecond per 100,000 entries; once a second bounds what a spray costs.
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Track> _tracks = new(keys);
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public int Count => _tracks.Count;

    /// <summary>The events of <paramref name="key"/> within <paramref name="window"/>, or null when there are none and no lock.</summary>
    public Track? Find(string key, TimeSpan window)
    {
        if (!_tracks.TryGetValue(key, out var track))
        {
            return null;
        }

        var now = time.GetUtcNow();
        track.Forget(now - window);
        if (track.IsSpent(now))
        {
            _tracks.Remove(key);
            return null;
        }

        return track;
    }

    /// <summary>Records an event for <paramref name="key"/>; null when the table is full of live entries and it cannot be tracked.</summary>
    public Track? Add(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        if (!_tracks.TryGetValue(key, out var track))
        {
            if (_tracks.Count >= capacity && !TryMakeRoom(now, window))
            {
                return null;
            }

            _tracks.Add(key, track = new Track());
        }

        track.Forget(now - window);
        track.Times.Enqueue(now);
        return track;
    }

    public void Remove(string key) => _tracks.Remove(key);

    private bool TryMakeRoom(DateTimeOffset now, TimeSpan window)
    {
        if (now < _nextPrune)
        {
            return false;
        }

        _nextPrune = now + PruneInterval;
        foreach (var (key, track) in _tracks)
        {
            track.Forget(now - window);
            if (track.IsSpent(now))
            {
                _tracks.Remove(key); // allowed while enumerating a Dictionary since .NET Core 3.0
            }
        }

        return _tracks.Count < capacity;
    }

    internal sealed class Track
    {
        /// <summary>Oldest first, all within the window.</summary>
        public Queue<DateTimeOffset> Times { get; } = new();

        public DateTimeOffset LockedUntil { get; set; }

        public void Forget(DateTimeOffset before)
        {
            while (Times.TryPeek(out var oldest) && oldest <= before)
            {
                Times.Dequeue();
            }
        }

        public bool IsSpent(DateTimeOffset now) => Times.Count == 0 && LockedUntil <= now;
    }
}
