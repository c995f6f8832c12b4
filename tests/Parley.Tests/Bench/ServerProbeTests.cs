using Parley.Bench.Measure;

namespace Parley.Tests.Bench;

public sealed class ServerProbeTests
{
    // /proc/PID/stat of a process whose command name holds spaces and a ')': utime (field 14) is 150 ticks,
    // stime (field 15) 42, cutime and cstime (16, 17, the reaped children's) 7 and 9.
    private const string Stat =
        "4242 (my (odd) srv) S 1 4242 4242 0 -1 4194304 2304 0 0 0 150 42 7 9 20 0 18 0 69587 3133440 389 "
        + "18446744073709551615 94876228153344 94876228173225 140736189279856 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

    [Fact]
    public void Cpu_time_is_user_plus_system_ticks_of_the_process_itself_counted_after_the_name()
    {
        Assert.Equal(TimeSpan.FromSeconds(1.92), ServerProbe.ParseCpuTime(Stat));
    }

    [Fact]
    public void The_probe_reads_a_live_process_without_failing()
    {
        var probe = new ServerProbe(Environment.ProcessId);

        Assert.True(probe.CpuTime() > TimeSpan.Zero);
        Assert.True(probe.PssKib() > 0);
    }

    [Fact]
    public void A_probe_of_several_processes_sums_their_cpu_time()
    {
        // This process listed twice: CPU time only grows, so the sum read later is at least twice the single reading.
        var alone = new ServerProbe(Environment.ProcessId).CpuTime();

        var twice = new ServerProbe([Environment.ProcessId, Environment.ProcessId]).CpuTime();

        Assert.True(twice >= 2 * alone, $"{twice} over two readings, {alone} over one");
    }
}
