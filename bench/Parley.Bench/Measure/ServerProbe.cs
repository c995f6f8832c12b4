using System.Globalization;

namespace Parley.Bench.Measure;

/// <summary>
/// Reads a server's CPU time and memory (Pss) from <c>/proc/PID</c>. CPU time, not wall time, is the
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
    /// Memory now, in KiB: <c>Pss</c> from <c>/proc/PID/smaps_rollup</c>, summed over every process and its child
    /// processes. Pss divides each resident page among the processes that map it, so nginx's code and the shared
    /// memory zone where Nchan keeps its channels and subscribers count once over the master and its workers, and the
    /// .NET runtime files a Parley server maps alongside the load tool (another .NET process) count half.
    /// </summary>
    public long PssKib() => Pids.Sum(PssKibOf);

    private static TimeSpan CpuTimeOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return ProcessTree.ChildrenOf(pid)
            .Select(child => ProcessTree.TryRead($"/proc/{child}/stat"))
            .OfType<string>()
            .Aggregate(ParseCpuTime(stat), (total, child) => total + ParseCpuTime(child));
    }

    private static long PssKibOf(int pid) =>
        ProcessTree.ParsePssKib(File.ReadAllText($"/proc/{pid}/smaps_rollup"))
        + ProcessTree.ChildrenOf(pid)
            .Select(child => ProcessTree.TryRead($"/proc/{child}/smaps_rollup"))
            .OfType<string>()
            .Sum(ProcessTree.ParsePssKib);

    internal static TimeSpan ParseCpuTime(string stat)
    {
        // The command name (field 2) sits in parentheses and may hold spaces: count fields after its last ')'.
        var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var userTicks = long.Parse(afterName[11], CultureInfo.InvariantCulture); // field 14, utime
        var systemTicks = long.Parse(afterName[12], CultureInfo.InvariantCulture); // field 15, stime
        return TimeSpan.FromSeconds((userTicks + systemTicks) / TicksPerSecond);
    }
}
