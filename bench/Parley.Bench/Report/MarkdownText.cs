namespace Parley.Bench.Report;

/// <summary>Markdown pieces the report writes more than once.</summary>
internal static class MarkdownText
{
    /// <summary>A table row; a <c>|</c> inside a cell would end the cell, so it is escaped.</summary>
    public static string Row(IEnumerable<string> cells) => $"| {string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))} |";

    public static string Separator(IEnumerable<bool> rightAligned) =>
        $"| {string.Join(" | ", rightAligned.Select(right => right ? "---:" : "---"))} |";

    /// <summary>A fenced block holding <paramref name="text"/> exactly, its trailing newlines aside.</summary>
    public static string Fenced(string language, string text) => $"```{language}\n{text.TrimEnd('\n', '\r')}\n```";

    /// <summary>The "Failed checks:" list under a table, one line per check that failed; nothing when none did.</summary>
    public static void WriteFailedChecks(TextWriter markdown, IReadOnlyList<string> failed)
    {
        if (failed.Count == 0)
        {
            return;
        }

        markdown.WriteLine();
        markdown.WriteLine("Failed checks:");
        markdown.WriteLine();
        foreach (var line in failed)
        {
            markdown.WriteLine(line);
        }
    }
}
