using System.Runtime.InteropServices;
using Parley.Bench.Cli;

namespace Parley.Bench.Streams;

/// <summary>
/// The tool's own limit on open files. Every stream is a socket and a socket is a file: 10,000 streams need
/// more than the usual soft limit of 1,024, while the hard limit (which a process may raise itself to) is
/// often far higher.
/// </summary>
internal static partial class OpenFileLimit
{
    // RLIMIT_NOFILE on Linux, the same number on x86-64 and arm64.
    private const int OpenFiles = 7;

    // Files the tool holds besides its sockets: the runtime's own, the console, the JSON file.
    private const int Spare = 64;

    /// <summary>Raises the soft limit to the hard limit and fails when even that leaves no room for <paramref name="sockets"/>.</summary>
    public static void EnsureRoomFor(int sockets)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        if (GetLimit(OpenFiles, out var limit) != 0)
        {
            throw new InvalidOperationException($"getrlimit(RLIMIT_NOFILE) failed with errno {Marshal.GetLastPInvokeError()}");
        }

        if (limit.Soft < limit.Hard)
        {
            var raised = limit with { Soft = limit.Hard };
            if (SetLimit(OpenFiles, raised) == 0)
            {
                limit = raised;
            }
        }

        var needed = (ulong)sockets + Spare;
        if (limit.Soft < needed)
        {
            throw new BenchUsageException(
                $"{sockets} sockets need an open-file limit of at least {needed}, but this process may open only {limit.Soft} files " +
                $"(hard limit {limit.Hard}): raise it in the shell that starts the tool, e.g. 'ulimit -n {Math.Max(needed, 65536)}'");
        }
    }

    /// <summary>struct rlimit: two rlim_t (unsigned long) fields.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct ResourceLimit(ulong Soft, ulong Hard);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetLimit(int resource, out ResourceLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetLimit(int resource, in ResourceLimit limit);
}
