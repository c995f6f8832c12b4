using System.Net;
using System.Net.Sockets;

namespace Parley.Tests.Cluster;

/// <summary>
/// The load balancer in front of several nodes, as small as a test needs: it listens on a loopback port and joins each
/// connection it accepts to the first node, in its order of preference, that takes a connection. A node that dies
/// closes the connections it had; the client's next connection goes to the next node. Bytes are copied as they come
/// (no buffering), so streams pass through as they would through a proxy set not to buffer.
/// </summary>
public sealed class FailoverBalancer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public FailoverBalancer(params Uri[] nodesInPreference)
    {
        _nodes = nodesInPreference;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync(_stopping.Token);
    }

    public Uri BaseAddress { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception failure) when (failure is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(stopping);
            _ = Task.Run(() => JoinAsync(client, stopping), stopping);
        }
    }

    private async Task JoinAsync(TcpClient client, CancellationToken stopping)
    {
        using (client)
        {
            using var node = await ConnectToFirstAliveAsync(stopping);
            if (node is null)
            {
                return; // nothing alive: the client sees its connection closed, as behind a real balancer
            }

            var fromClient = client.GetStream();
            var fromNode = node.GetStream();
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var upstream = CopyAsync(fromClient, fromNode, either.Token);
            var downstream = CopyAsync(fromNode, fromClient, either.Token);
            await Task.WhenAny(upstream, downstream);
            await either.CancelAsync(); // one side ended: end the other, as a balancer does
        }
    }

    private async Task<TcpClient?> ConnectToFirstAliveAsync(CancellationToken stopping)
    {
        foreach (var node in _nodes)
        {
            var connection = new TcpClient();
            try
            {
                await connection.ConnectAsync(node.Host, node.Port, stopping);
                return connection;
            }
            catch (SocketException)
            {
                connection.Dispose();
            }
        }

        return null;
    }

    private static async Task CopyAsync(NetworkStream from, NetworkStream to, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, stop)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), stop);
            }
        }
        catch (Exception failure) when (failure is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}
