namespace Parley.Tests.Infrastructure;

/// <summary>Every await in the tests is bounded; a hang fails with a timeout instead of stalling the run.</summary>
public static class Timeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Shutdown = TimeSpan.FromSeconds(15);

    /// <summary>For the load-shaped tests (thousands of messages on a 2-core machine).</summary>
    public static readonly TimeSpan UnderLoad = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <paramref name="timeout"/>.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Polls an asynchronous <paramref name="condition"/> (an HTTP request, say) until it holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
