using Parley.Chat;

namespace Parley.Storage;

/// <summary>What the store thread asks before a commit and hands committed messages to: the hub, which owns presence.</summary>
public interface ICommitRouting
{
    /// <summary>Whether a direct message to <paramref name="nick"/> goes to live streams (true) or waits in its mailbox.</summary>
    bool IsOnline(string nick);

    /// <summary>How many messages may wait for one offline nick.</summary>
    int MailboxLimit { get; }

    /// <summary>Fans committed messages out to live streams, in commit order.</summary>
    void Publish(IReadOnlyList<ChatMessage> committed);
}
