using Parley.Chat;

namespace Parley.Storage;

/// <summary>
/// Which conversation a message belongs to, the unit that history pages through and retention counts: the room,
/// or the pair of nicks of a direct message, in either direction and any letter case.
/// </summary>
public static class Conversation
{
    public const string Room = Nick.All;

    public static string KeyOf(string from, string to)
    {
        if (Nick.IsAll(to))
        {
            return Room;
        }

        var a = NickKey(from);
        var b = NickKey(to);
        return string.CompareOrdinal(a, b) <= 0 ? $"{a} {b}" : $"{b} {a}";
    }

    /// <summary>A nick as stores compare it: nicks are ASCII, and the same nick in another letter case is the same person.</summary>
    public static string NickKey(string nick) => nick.ToLowerInvariant();
}
