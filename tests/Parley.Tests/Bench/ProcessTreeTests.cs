using System.Diagnostics;
using Parley.Bench.Measure;

namespace Parley.Tests.Bench;

public sealed class ProcessTreeTests
{
    [Fact]
    public void The_parent_pid_is_read_after_a_command_name_with_spaces_and_parentheses() =>
        Assert.Equal(4242, ProcessTree.ParseParentPid("15151 (nginx: worker (x)) S 4242 15149 15149 0 -1 4194624 93 0 0 0 0 0 0 0 20 0 1 0"));

    [Fact]
    public void Pss_is_read_in_kib_from_smaps_rollup() =>
        Assert.Equal(7705, ProcessTree.ParsePssKib("56428b5c2000-7fff4fb29000 ---p 00000000 00:00 0  [rollup]\nRss:               10648 kB\nPss:                7705 kB\nPss_Dirty:           116 kB\n"));

    [Fact]
    public void Smaps_rollup_without_pss_is_an_error() =>
        Assert.Throws<InvalidDataException>(() => ProcessTree.ParsePssKib("Rss: 10 kB\n"));

    [Fact]
    public void A_started_process_is_among_the_children_of_this_one()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            Assert.Contains(child.Id, ProcessTree.ChildrenOf(Environment.ProcessId));
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }
}
