using Parley;
using Parley.Storage;

// Complete socket operations on the epoll thread rather than hopping to the thread pool (Parley's
// handlers never block; see ParleyApp). The runtime reads this when the first socket is created.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

var app = ParleyApp.Build(args);
try
{
    app.Run();
}
catch (StoreUnavailableException unavailable)
{
    // Already logged by the host; this is the line an operator reads first, without a stack trace.
    await Console.Error.WriteLineAsync($"Parley did not start: {unavailable.Message}");
    return 1;
}

return 0;
