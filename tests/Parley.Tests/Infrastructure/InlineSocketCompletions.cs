using System.Runtime.CompilerServices;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// Completes socket work on the epoll threads in this process, as <c>Program</c> makes the shipped server do
/// (and bench/run.sh the load tool), so the in-process servers schedule their work as the shipped one does.
/// Without it the thread pool's queue interleaves accepting connections with the writer loops that each
/// accepted one wakes, and a reconnect storm that cuts thousands off in production only crawls here.
/// </summary>
internal static class InlineSocketCompletions
{
    private const string Switch = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    // A module initializer: the runtime reads the switch once, when the process creates its first socket,
    // and the test runner creates sockets of its own before any test could set it.
    [ModuleInitializer]
    internal static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Switch) is null)
        {
            Environment.SetEnvironmentVariable(Switch, "1");
        }
    }
}
