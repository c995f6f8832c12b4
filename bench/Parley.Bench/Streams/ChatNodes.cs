namespace Parley.Bench.Streams;

/// <summary>
/// The nodes one chat is served by (one for a single server; several Parley nodes sharing a Redis), each with the
/// broadcast protocol that names it in the <c>Host</c> header. Subscribers and publishers take them in turn, so
/// either kind is split evenly: number <c>i</c> goes to node <c>i mod N</c>.
/// </summary>
internal sealed class ChatNodes
{
    private readonly StreamTarget[] _targets;
    private readonly BroadcastProtocol[] _protocols;

    private ChatNodes(StreamTarget[] targets, BroadcastProtocol[] protocols)
    {
        _targets = targets;
        _protocols = protocols;
    }

    public int Count => _targets.Length;

    /// <summary>True when every node is on 127.0.0.0/8, so streams may connect from any 127.x source address.</summary>
    public bool AllLoopback => _targets.All(t => t.IsLoopback);

    /// <summary>
    /// The protocol every stream reads with: the ready marker and the broadcast prefix are one run's, whichever
    /// node a delivery comes through.
    /// </summary>
    public BroadcastProtocol Protocol => _protocols[0];

    public static async Task<ChatNodes> ResolveAsync(
        IReadOnlyList<Uri> urls, Func<string, BroadcastProtocol> protocolFor, CancellationToken cancellation)
    {
        var targets = await Task.WhenAll(urls.Select(url => StreamTarget.ResolveAsync(url, cancellation)));
        var first = protocolFor(targets[0].Host);
        return new ChatNodes(targets, [first, .. targets.Skip(1).Select(t => first.ForHost(t.Host))]);
    }

    /// <summary>The node subscriber or publisher <paramref name="index"/> uses: round robin.</summary>
    public StreamTarget Target(int index) => _targets[index % _targets.Length];

    /// <summary>The protocol that publishes to <see cref="Target"/>(<paramref name="index"/>).</summary>
    public BroadcastProtocol ProtocolOf(int index) => _protocols[index % _protocols.Length];
}
