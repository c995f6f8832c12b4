namespace Parley.Chat;

/// <summary>
/// The display nicks online, in the order they came, for the list a new stream receives. Taking that list is
/// free: a snapshot is a view of the prefix that exists now, and later arrivals only ever write past it. A
/// departure copies the array only while a snapshot may still be read from it. The hub owns it, under its lock.
/// </summary>
internal sealed class OnlineRoster
{
    private string[] _nicks = new string[16];
    private int _count;
    private bool _shared;

    /// <summary>Written under the hub's lock; read without it as a hint.</summary>
    public int Count => Volatile.Read(ref _count);

    public IReadOnlyList<string> Snapshot()
    {
        _shared = true;
        return new ArraySegment<string>(_nicks, 0, _count);
    }

    public void Add(string displayNick)
    {
        if (_count == _nicks.Length)
        {
            Array.Resize(ref _nicks, _count * 2); // a new array: snapshots keep the old one
            _shared = false;
        }

        _nicks[_count++] = displayNick;
    }

    public void Remove(string displayNick)
    {
        var index = Array.IndexOf(_nicks, displayNick, 0, _count);
        if (index < 0)
        {
            return;
        }

        var target = _shared ? new string[_nicks.Length] : _nicks;
        Array.Copy(_nicks, 0, target, 0, index);
        Array.Copy(_nicks, index + 1, target, index, _count - index - 1);
        target[--_count] = null!;
        _nicks = target;
        _shared = false;
    }
}
