using System.Globalization;

namespace Parley.Bench.Measure;

/// <summary>
/// Reads a server's CPU time and resident memory from <c>/proc/PID</c>. CPU time, not wall time, is the
/// figure to compare on a machine where the load tool and the server share the cores.
/// </summary>
internal sealed class ServerProbe(int pid)
{
    // USER_HZ: /proc reports CPU time in clock ticks of 1/100 s on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public int Pid { get; } = pid;

    /// <summary>User plus system CPU time the process and its child processes (nginx's workers) have used so far, threads included.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        return ProcessTree.ChildrenOf(Pid)
            .Select(child => ProcessTree.TryRead($"/proc/{child}/stat"))
            .OfType<string>()
            .Aggregate(ParseCpuTime(stat), (total, child) => total + ParseCpuTime(child));
    }

    /// <summary>
    /// Resident memory now, in KiB: <c>VmRSS</c> of a single-process server (Parley); for a server with child
    /// processes (nginx) the sum of their <c>Pss</c>, so pages they share are counted once, not once per worker.
    /// </summary>
    public long RssKib()
    {
        var children = ProcessTree.ChildrenOf(Pid);
        return children.Count == 0
            ? ParseRssKib(File.ReadAllText($"/proc/{Pid}/status"))
            : children.Prepend(Pid)
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
