using Parley.Chat;

namespace Parley.Storage;

/// <summary>What the store thread asks before a commit and hands committed messages to: the hub, which owns presence.</summary>
public interface ICommitRouting
{
    /// <summary>Whether a direct message to <paramref name="nick"/> goes to live streams (true) or waits in its mailbox.</summary>
    bool IsOnline(string nick);

    /// <summary>How many messages may wait for one offline nick.</summary>
    int MailboxLimit { get; }

    /// <summary>The store opened with messages up to <paramref name="lastId"/> committed before this process: none of them is live.</summary>
    void StartAfter(long lastId);

    /// <summary>
    /// Fans committed messages out to live streams, in commit order. Returns the direct messages whose recipient was
    /// online when the batch was decided but has no stream any more: they must wait in its mailbox after all.
    /// </summary>
    IReadOnlyList<ChatMessage> Publish(IReadOnlyList<ChatMessage> committed);
}
