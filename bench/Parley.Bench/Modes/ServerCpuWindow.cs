using Parley.Bench.Cli;
using Parley.Bench.Measure;

namespace Parley.Bench.Modes;

/// <summary>
/// The server's CPU time used between <see cref="Open"/> and <see cref="ElapsedMicros"/>: put around the load
/// phase only, so connecting listeners and building requests do not count.
/// </summary>
internal sealed class ServerCpuWindow
{
    private readonly ServerProbe _probe;
    private readonly TimeSpan _start;

    private ServerCpuWindow(ServerProbe probe, TimeSpan start)
    {
        _probe = probe;
        _start = start;
    }

    /// <summary>Starts measuring the processes of <c>--server-pid</c>; null when none was given (CPU metrics are left out).</summary>
    public static ServerCpuWindow? Open(IReadOnlyList<int> serverPids)
    {
        if (serverPids.Count == 0)
        {
            return null;
        }

        var probe = new ServerProbe(serverPids);
        try
        {
            return new ServerCpuWindow(probe, probe.CpuTime());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BenchUsageException($"--server-pid {string.Join(',', serverPids)}: cannot read /proc/PID/stat ({e.Message})");
        }
    }

    public double ElapsedMicros() => (_probe.CpuTime() - _start).TotalMicroseconds;
}
