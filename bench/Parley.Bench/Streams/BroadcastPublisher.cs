using System.Diagnostics;

namespace Parley.Bench.Streams;

/// <summary>One publisher: its own keep-alive connection (or a new one per broadcast), sending one broadcast at a time.</summary>
internal sealed class BroadcastPublisher(StreamTarget target, BroadcastProtocol protocol, PublishConnection connection = PublishConnection.KeepAlive)
    : IDisposable
{
    private readonly KeepAliveConnection _connection = new(target, closeAfterEachAnswer: connection == PublishConnection.New);
    private readonly byte[] _request = new byte[BroadcastProtocol.MaxRequestLength];
    private readonly byte[] _payload = new byte[BroadcastPayload.MaxLength];

    /// <summary>Broadcasts the server answered with 2xx.</summary>
    public int Accepted { get; private set; }

    /// <summary>What went wrong first: a refusal or a broken connection; null while all is well.</summary>
    public string? Failure { get; private set; }

    /// <summary>Publishes the run's ready marker <paramref name="number"/>; throws when the server does not take it.</summary>
    public async Task PublishReadyAsync(int number, CancellationToken cancellation)
    {
        var length = protocol.WriteRequest(_request, protocol.ReadyMarker(number));
        var (head, refusal) = await _connection.SendAsync(_request.AsMemory(0, length), cancellation);
        if (head.Status is < 200 or >= 300)
        {
            throw new IOException($"publishing the ready marker answered '{head.StatusLine}': {refusal}");
        }
    }

    /// <summary>Publishes the broadcasts the schedule hands out until it runs out or the connection fails.</summary>
    public async Task RunAsync(PublishSchedule schedule, CancellationToken cancellation)
    {
        while (schedule.TryTake(out var sequence, out var due))
        {
            await PublishSchedule.WaitUntilAsync(due, cancellation);
            var payloadLength = BroadcastPayload.Write(_payload, sequence, Stopwatch.GetTimestamp());
            var length = protocol.WriteRequest(_request, _payload.AsSpan(0, payloadLength));
            try
            {
                var (head, refusal) = await _connection.SendAsync(_request.AsMemory(0, length), cancellation);
                if (head.Status is >= 200 and < 300)
                {
                    Accepted++;
                }
                else
                {
                    Failure ??= $"broadcast {sequence} answered '{head.StatusLine}': {refusal}";
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidDataException)
            {
                Failure ??= $"broadcast {sequence}: {e.Message}";
                return; // the other publishers take the rest
            }
        }
    }

    public void Dispose() => _connection.Dispose();
}
