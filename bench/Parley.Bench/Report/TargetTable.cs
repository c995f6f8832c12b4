namespace Parley.Bench.Report;

/// <summary>Target rows as a Markdown table: what was asked, what each side measured, the ratio and the verdict.</summary>
internal static class TargetTable
{
    public static void Write(TextWriter markdown, IEnumerable<TargetRow> rows)
    {
        string[] header = ["target", "rule", "Parley", "peer", "Parley ÷ peer", "verdict"];
        markdown.WriteLine(MarkdownText.Row(header));
        markdown.WriteLine(MarkdownText.Separator(header.Select(h => h == "Parley ÷ peer")));
        foreach (var row in rows)
        {
            markdown.WriteLine(MarkdownText.Row([row.Target, row.Rule, row.Parley, row.Peer, row.Ratio, row.VerdictText]));
        }
    }
}
