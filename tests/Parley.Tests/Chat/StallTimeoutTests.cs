using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Chat;
using Parley.Seed;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Chat;

/// <summary>
/// A flush that stays pending ends the stream after the stall timeout (5 s) when more waits for it, and after
/// the write timeout (30 s) when nothing does: a frozen reader is cut off within seconds of falling behind,
/// while a quiet one is given the full timeout.
/// </summary>
public sealed class StallTimeoutTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_stream_whose_flush_is_pending_while_a_message_waits_is_cut_off_after_5_s()
    {
        var time = new FakeTimeProvider();
        await using var server = await ParleyServer.StartAsync(time: time);
        var (hub, subscriber) = Connect(server);
        await using var stream = await PipedStream.StartStalledAsync(server, subscriber);

        Assert.Null((await server.SendAsync("bob", "all", "waits behind the pending flush")).Rejection);

        var (reason, seconds) = await StepsUntilEndedAsync(time, stream);

        Assert.Equal(StreamCloseReason.WriteTimeout, reason);
        Assert.InRange(seconds, 5, 6); // 6 when the loop armed its timer just after the first second passed
    }

    [Fact]
    [Trait("Category", "Slow")] // thirty clock steps, each given 200 ms of real time to answer
    public async Task A_stream_whose_flush_is_pending_with_nothing_waiting_is_cut_off_after_30_s()
    {
        var time = new FakeTimeProvider();
        await using var server = await ParleyServer.StartAsync(time: time);
        var (_, subscriber) = Connect(server);
        await using var stream = await PipedStream.StartStalledAsync(server, subscriber);

        var (reason, seconds) = await StepsUntilEndedAsync(time, stream);

        // Never before the write timeout; later by a step for each one-second check whose timer a busy machine
        // armed only after the clock had moved on.
        Assert.Equal(StreamCloseReason.WriteTimeout, reason);
        Assert.InRange(seconds, 30, 60);
    }

    private static (ChatHub Hub, Subscriber Subscriber) Connect(ParleyServer server)
    {
        var hub = server.Services.GetRequiredService<ChatHub>();
        var subscriber = new Subscriber("frozen", server.Services.GetRequiredService<SeedEventEncoder>(), 65_536, "test");
        Assert.Null(hub.Connect(subscriber).Rejection);
        return (hub, subscriber);
    }

    /// <summary>Moves the clock a second at a time until the writer loop ends; returns why and after how many seconds.</summary>
    private static async Task<(StreamCloseReason, int)> StepsUntilEndedAsync(FakeTimeProvider time, PipedStream stream)
    {
        for (var seconds = 1; seconds <= 60; seconds++)
        {
            time.Advance(Step);

            // A timer that fired runs the loop on the thread pool: give it a moment of real time to end.
            if (await Task.WhenAny(stream.Running, Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken)) == stream.Running)
            {
                return (await stream.Running, seconds);
            }
        }

        Assert.Fail("the stream was still open after 60 s on the clock");
        return default;
    }
}
