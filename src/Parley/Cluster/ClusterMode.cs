using Microsoft.Extensions.Options;
using Parley.Storage;

namespace Parley.Cluster;

/// <summary>
/// Whether this node is the whole chat or one of several on a shared Redis (<c>--store redis</c>). A single node's hub
/// announces arrivals and departures itself, under its lock, as they happen; on several nodes only the shared presence
/// (<see cref="IChatBackplane"/>) knows when a nick's first stream anywhere opened or its last one closed.
/// </summary>
public sealed class ClusterMode(IOptions<StoreOptions> store)
{
    public bool SpansNodes { get; } = store.Value.Kind == StoreKind.Redis;
}
