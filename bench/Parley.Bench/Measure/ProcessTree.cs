using System.Globalization;

namespace Parley.Bench.Measure;

/// <summary>
/// A server and its child processes, read from <c>/proc</c>: nginx does its work in worker processes under the
/// master whose PID bench/run.sh knows, so the master alone would show almost no CPU time and little memory.
/// </summary>
internal static class ProcessTree
{
    /// <summary>The PIDs whose parent is <paramref name="pid"/>; a process that exits while being read is skipped.</summary>
    public static IReadOnlyList<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && TryRead($"{folder}/stat") is { } stat
                && ParseParentPid(stat) == pid)
            {
                children.Add(candidate);
            }
        }

        return children;
    }

    public static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            // The process exited between listing /proc and reading it.
            return null;
        }
    }

    internal static int ParseParentPid(string stat) =>
        int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture); // field 4, ppid

    /// <summary>
    /// <c>Pss</c> from <c>/proc/PID/smaps_rollup</c>: resident memory with each shared page divided among the
    /// processes that map it, so the sum over nginx's master and workers counts its code and shared memory once.
    /// </summary>
    internal static long ParsePssKib(string smapsRollup)
    {
        foreach (var line in smapsRollup.Split('\n'))
        {
            if (line.StartsWith("Pss:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidDataException("no Pss line in /proc/PID/smaps_rollup");
    }
}
