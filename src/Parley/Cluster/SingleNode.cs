using Parley.Chat;

namespace Parley.Cluster;

/// <summary>One node is the whole chat: the hub counts streams and knows who is online, under its own lock.</summary>
public sealed class SingleNode(ChatHub hub) : IChatBackplane
{
    public ValueTask<Rejection?> OpeningStreamAsync(string nick, int limit, CancellationToken cancellationToken) => ValueTask.FromResult<Rejection?>(null);

    public void StreamClosed(string nick)
    {
    }

    public ValueTask<IReadOnlyList<OnlineUser>> OnlineUsersAsync(CancellationToken cancellationToken) => ValueTask.FromResult(hub.OnlineUsers());
}
