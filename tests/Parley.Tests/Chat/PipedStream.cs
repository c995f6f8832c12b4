using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Chat;
using Parley.Storage;
using Parley.Streams;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Chat;

/// <summary>
/// One stream's writer loop, started when the test chooses, writing into a pipe the test reads instead of a
/// socket. A test can let joins pile up in the hub before the loop first looks, which no socket allows.
/// </summary>
internal sealed class PipedStream : IAsyncDisposable
{
    private readonly Pipe _pipe;
    private readonly CancellationTokenSource _clientGone = new();
    private readonly StringBuilder _text = new();
    private readonly Task _reading;

    private PipedStream(ParleyServer server, Subscriber subscriber, bool reading)
    {
        // A client that reads nothing holds back every flush: any byte it has not taken keeps the writer waiting.
        _pipe = reading ? new Pipe() : new Pipe(new PipeOptions(pauseWriterThreshold: 1, resumeWriterThreshold: 1));
        var options = server.Services.GetRequiredService<IOptionsMonitor<StreamOptions>>().CurrentValue;
        var time = server.Services.GetRequiredService<TimeProvider>();
        var store = server.Services.GetRequiredService<StoreThread>();
        var catchUp = new CatchUp(store, subscriber.Nick, clientPosition: null, registeredAfter: 0, takesMailbox: false, pageSize: 1_000);
        var writer = new EventStreamWriter(subscriber, server.Services.GetRequiredService<ChatHub>(), catchUp, store, _pipe.Writer, options, time);
        Running = Task.Run(() => writer.RunAsync(_clientGone.Token, CancellationToken.None));
        _reading = reading ? Task.Run(ReadAsync) : Task.CompletedTask;
    }

    /// <summary>Completes with the reason the loop ended.</summary>
    public Task<StreamCloseReason> Running { get; }

    public static PipedStream Start(ParleyServer server, Subscriber subscriber) => new(server, subscriber, reading: true);

    /// <summary>A stream whose client takes nothing: its first flush stays pending.</summary>
    public static async Task<PipedStream> StartStalledAsync(ParleyServer server, Subscriber subscriber)
    {
        var stream = new PipedStream(server, subscriber, reading: false);
        await Timeouts.WaitUntilAsync(stream.HasFlushed, "the writer has flushed its opening");
        return stream;
    }

    // Looks without taking, so the writer stays held back.
    private bool HasFlushed()
    {
        if (!_pipe.Reader.TryRead(out var read))
        {
            return false;
        }

        _pipe.Reader.AdvanceTo(read.Buffer.Start);
        return !read.Buffer.IsEmpty;
    }

    /// <summary>Waits until the blocks written so far satisfy <paramref name="done"/> and returns them (comments and the opening left out).</summary>
    public async Task<IReadOnlyList<string>> BlocksAsync(Func<IReadOnlyList<string>, bool> done)
    {
        IReadOnlyList<string> blocks = [];
        await Timeouts.WaitUntilAsync(() => done(blocks = Blocks()), "the stream has written what was expected");
        return blocks;
    }

    private List<string> Blocks()
    {
        string text;
        lock (_text)
        {
            text = _text.ToString();
        }

        var complete = text[..Math.Max(0, text.LastIndexOf("\n\n", StringComparison.Ordinal))];
        return [.. complete.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(block => !block.StartsWith(':') && !block.StartsWith("retry:", StringComparison.Ordinal))];
    }

    private async Task ReadAsync()
    {
        while (true)
        {
            var read = await _pipe.Reader.ReadAsync();
            var text = Encoding.UTF8.GetString(read.Buffer);
            lock (_text)
            {
                _text.Append(text);
            }

            _pipe.Reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _clientGone.CancelAsync();
        await Running.WaitAsync(Timeouts.Default);
        await _pipe.Writer.CompleteAsync();
        await _reading.WaitAsync(Timeouts.Default);
        _clientGone.Dispose();
    }
}
