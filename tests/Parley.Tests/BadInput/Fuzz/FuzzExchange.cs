using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>What came back for one fuzz request: the status of the first line, or why there was none.</summary>
internal sealed record FuzzOutcome(FuzzRequest Request, int? Status, string? NoAnswer);

/// <summary>
/// Sends one fuzz request on its own connection and reads only the status line: a stream's answer never ends,
/// and a refusal's body is not what the fuzz is about. Writing runs beside reading, since the server may answer
/// (413, say) and close before it has taken the whole body.
/// </summary>
internal static class FuzzExchange
{
    public static async Task<FuzzOutcome> SendAsync(Uri server, FuzzRequest request, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(Timeouts.Default);
        var tcp = new TcpClient { NoDelay = true };
        Task writing = Task.CompletedTask;
        try
        {
            await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
            var stream = tcp.GetStream();
            writing = WriteAsync(tcp.Client, stream, request, timeout.Token);
            var line = await ReadStatusLineAsync(stream, timeout.Token);
            return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && line.Length >= 12
                && int.TryParse(line.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                ? new FuzzOutcome(request, status, null)
                : new FuzzOutcome(request, null, line.Length == 0 ? "closed without an answer" : $"not a status line: {line}");
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new FuzzOutcome(request, null, $"no status line within {Timeouts.Default.TotalSeconds} s");
        }
        catch (IOException reset)
        {
            return new FuzzOutcome(request, null, $"reset: {reset.Message}");
        }
        finally
        {
            tcp.Dispose();
            await writing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default); // a write cut off by the close is expected
        }
    }

    private static async Task WriteAsync(Socket socket, NetworkStream stream, FuzzRequest request, CancellationToken cancel)
    {
        await stream.WriteAsync(request.Wire, cancel);
        if (request.EndAfterSending)
        {
            socket.Shutdown(SocketShutdown.Send);
        }
    }

    /// <summary>Bytes up to the first line break; empty when the server closed first.</summary>
    private static async Task<string> ReadStatusLineAsync(NetworkStream stream, CancellationToken cancel)
    {
        var line = new List<byte>(64);
        var buffer = new byte[256];
        while (line.Count < 256)
        {
            var read = await stream.ReadAsync(buffer, cancel);
            if (read == 0)
            {
                break;
            }

            var end = Array.IndexOf(buffer, (byte)'\n', 0, read);
            line.AddRange(buffer.AsSpan(0, end < 0 ? read : end));
            if (end >= 0)
            {
                break;
            }
        }

        return Encoding.Latin1.GetString([.. line]).TrimEnd('\r');
    }
}
