using Parley.Chat;
using Parley.Storage;

namespace Parley.Cluster.Redis;

/// <summary>
/// The store thread's view of the hub on several nodes: it still asks whether a recipient is online (on any node) before
/// a commit, but fans nothing out itself. The commit publishes the batch to every node, this one included, and
/// <see cref="MessageFeed"/> hands it to the hub in id order with every other node's.
/// </summary>
public sealed class SharedCommitRouting(ChatHub hub) : ICommitRouting
{
    public int MailboxLimit => hub.MailboxLimit;

    public bool IsOnline(string nick) => hub.IsOnline(nick);

    public void StartAfter(long lastId)
    {
        // The feed starts the hub once it is subscribed, after the newest id committed by then.
    }

    public IReadOnlyList<ChatMessage> Publish(IReadOnlyList<ChatMessage> committed) => [];
}
