using System.Buffers;
using System.Text;
using Parley.Api;
using Parley.Chat;
using Parley.Seed;

namespace Parley.Tests.Streams;

/// <summary>
/// The list of who is online, written a part at a time so a connection's pipe never holds all of it at once: the parts
/// join into exactly the bytes of the whole event, and each part stays near the size asked for.
/// </summary>
public sealed class OnlineListPartsTests
{
    // A seed list is written in 4 KB chunks, so a part is a whole number of them.
    private const int PartBytes = 4096;

    public static TheoryData<string> Formats => ["seed", "json"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_list_written_in_parts_is_byte_for_byte_the_list_written_whole(string format)
    {
        var encoder = EncoderFor(format);
        var list = new OnlineList([.. Enumerable.Range(0, 5_000).Select(i => $"nick{i}")]);
        var whole = new ArrayBufferWriter<byte>();
        encoder.Write(list, whole);

        var inParts = new ArrayBufferWriter<byte>();
        var pauses = encoder.WriteInParts(list, inParts, PartBytes).Count();

        Assert.Equal(Encoding.UTF8.GetString(whole.WrittenSpan), Encoding.UTF8.GetString(inParts.WrittenSpan));
        Assert.InRange(pauses, whole.WrittenCount / (2 * PartBytes), whole.WrittenCount / PartBytes);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_part_of_a_long_list_is_about_the_size_asked_for(string format)
    {
        var encoder = EncoderFor(format);
        var list = new OnlineList([.. Enumerable.Range(0, 5_000).Select(i => $"nick{i}")]);
        var output = new ArrayBufferWriter<byte>();
        var before = 0;
        var largest = 0;
        foreach (var _ in encoder.WriteInParts(list, output, PartBytes))
        {
            largest = Math.Max(largest, output.WrittenCount - before);
            before = output.WrittenCount;
        }

        // A part ends before the chunk that would take it past the size, or just after the nick that reaches it.
        Assert.InRange(largest, PartBytes / 2, PartBytes + 64);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Any_other_event_is_written_whole_without_a_pause(string format)
    {
        var encoder = EncoderFor(format);
        var output = new ArrayBufferWriter<byte>();

        var pauses = encoder.WriteInParts(new Welcome("john", 0), output, PartBytes).Count();

        Assert.Equal(0, pauses);
        Assert.NotEqual(0, output.WrittenCount);
    }

    private static IEventEncoder EncoderFor(string format) =>
        format == "seed" ? new SeedEventEncoder(TimeProvider.System) : new JsonEventEncoder();
}
