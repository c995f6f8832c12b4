using System.Globalization;

namespace Parley.Bench.Measure;

/// <summary>
/// Reads a server's CPU time and resident memory from <c>/proc/PID</c>. CPU time, not wall time, is the
/// figure to compare on a machine where the load tool and the server share the cores. A server may be several
/// processes the tool was told of (two Parley nodes and their Redis): each figure is the sum over all of them.
/// </summary>
internal sealed class ServerProbe(IReadOnlyList<int> pids)
{
    // USER_HZ: /proc reports CPU time in clock ticks of 1/100 s on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public ServerProbe(int pid)
        : this([pid])
    {
    }

    public IReadOnlyList<int> Pids { get; } = pids.Count > 0 ? pids : throw new ArgumentException("no process to probe", nameof(pids));

    /// <summary>
    /// User plus system CPU time every process and its child processes (nginx's workers) have used so far,
    /// threads included.
    /// </summary>
    public TimeSpan CpuTime() => Pids.Aggregate(TimeSpan.Zero, (total, pid) => total + CpuTimeOf(pid));

    /// <summary>
    /// Resident memory now, in KiB, summed over the processes: <c>VmRSS</c> of a single-process server (Parley);
    /// for a server with child processes (nginx) the sum of their <c>Pss</c>, so pages they share are counted once,
    /// not once per worker.
    /// </summary>
    public long RssKib() => Pids.Sum(RssKibOf);

    private static TimeSpan CpuTimeOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return ProcessTree.ChildrenOf(pid)
            .Select(child => ProcessTree.TryRead($"/proc/{child}/stat"))
            .OfType<string>()
            .Aggregate(ParseCpuTime(stat), (total, child) => total + ParseCpuTime(child));
    }

    private static long RssKibOf(int pid)
    {
        var children = ProcessTree.ChildrenOf(pid);
        return children.Count == 0
            ? ParseRssKib(File.ReadAllText($"/proc/{pid}/status"))
            : children.Prepend(pid)
                .Select(p => ProcessTree.TryRead($"/proc/{p}/smaps_rollup"))
                .OfType<string>()
                .Sum(ProcessTree.ParsePssKib);
    }

    internal static TimeSpan ParseCpuTime(string stat)
    {
        // The command name (field 2) sits in parentheses and may hold spaces: count fields after its last ')'.
        var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var userTicks = long.Parse(afterName[11], CultureInfo.InvariantCulture); // field 14, utime
        var systemTicks = long.Parse(afterName[12], CultureInfo.InvariantCulture); // field 15, stime
        return TimeSpan.FromSeconds((userTicks + systemTicks) / TicksPerSecond);
    }

    internal static long ParseRssKib(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidDataException("no VmRSS line in /proc/PID/status");
    }
}
