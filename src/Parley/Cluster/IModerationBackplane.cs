using Parley.Chat;
using Parley.Storage;

namespace Parley.Cluster;

/// <summary>
/// Tells the other nodes what an admin did here, once this node and the store have it, so that each applies it to its
/// own streams and memory (<c>Moderation/Moderator</c>). One node has nobody to tell (<see cref="NoModerationPeers"/>).
/// </summary>
public interface IModerationBackplane
{
    void Kicked(string nick);

    void Banned(StoredBan ban);

    void Lifted(long banId);

    void Deleted(ChatMessage message);
}

/// <summary>The whole chat is this process.</summary>
public sealed class NoModerationPeers : IModerationBackplane
{
    public void Kicked(string nick)
    {
    }

    public void Banned(StoredBan ban)
    {
    }

    public void Lifted(long banId)
    {
    }

    public void Deleted(ChatMessage message)
    {
    }
}
