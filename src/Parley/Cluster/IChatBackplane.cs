using Parley.Chat;

namespace Parley.Cluster;

/// <summary>
/// What the nodes of one chat share about its streams: how many each nick has open over every node, and so who is
/// online. Registered as <see cref="SingleNode"/> (this process is the whole chat) unless <c>--store redis</c> replaces it
/// with the Redis presence, as SignalR's <c>AddStackExchangeRedis</c> replaces its default lifetime manager.
/// </summary>
public interface IChatBackplane
{
    /// <summary>
    /// Counts a stream that is about to register with the hub, against <paramref name="limit"/> streams per nick over
    /// every node; the refusal when it would go past it. Every stream it admits is ended with <see cref="StreamClosed"/>.
    /// </summary>
    ValueTask<Rejection?> OpeningStreamAsync(string nick, int limit, CancellationToken cancellationToken);

    /// <summary>A stream that <see cref="OpeningStreamAsync"/> admitted has ended, or never registered after all. Never blocks.</summary>
    void StreamClosed(string nick);

    /// <summary>Every nick online on any node, with its streams over every node.</summary>
    ValueTask<IReadOnlyList<OnlineUser>> OnlineUsersAsync(CancellationToken cancellationToken);
}
