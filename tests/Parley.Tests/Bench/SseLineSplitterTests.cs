using System.Text;
using Parley.Bench.Http;

namespace Parley.Tests.Bench;

public sealed class SseLineSplitterTests
{
    [Fact]
    public void Each_data_line_is_handed_on_without_its_field_name_and_space()
    {
        var data = Split(": hi\n\nretry: 3000\nid: 7\ndata: mary: hello 1\n\ndata:tight\r\n\r\n");

        Assert.Equal(["mary: hello 1", "tight"], data);
    }

    [Fact]
    public void A_line_split_across_reads_is_handed_on_once_whole()
    {
        var data = Split("da", "ta: hel", "lo 2\r", "\n\n");

        Assert.Equal(["hello 2"], data);
    }

    [Fact]
    public void A_line_not_yet_ended_is_held_back()
    {
        var data = Split("data: hello 3\n\ndata: hello 4");

        Assert.Equal(["hello 3"], data);
    }

    private static List<string> Split(params string[] reads)
    {
        var data = new List<string>();
        var splitter = new SseLineSplitter(value => data.Add(Encoding.UTF8.GetString(value)));
        foreach (var read in reads)
        {
            splitter.Append(Encoding.UTF8.GetBytes(read));
        }

        return data;
    }
}
