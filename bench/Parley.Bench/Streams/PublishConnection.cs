using Parley.Bench.Cli;

namespace Parley.Bench.Streams;

/// <summary>How a publisher reaches the server: one keep-alive connection, or a new connection for every broadcast.</summary>
internal enum PublishConnection
{
    KeepAlive,
    New,
}

internal static class PublishConnections
{
    /// <summary>Reads <c>--publish-connection keep-alive|new</c>.</summary>
    public static PublishConnection Parse(BenchArgs options) => options.Text("publish-connection", "keep-alive") switch
    {
        "keep-alive" => PublishConnection.KeepAlive,
        "new" => PublishConnection.New,
        var other => throw new BenchUsageException($"--publish-connection must be keep-alive or new, got '{other}'"),
    };
}
