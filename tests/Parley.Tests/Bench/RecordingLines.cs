using System.Text;
using Parley.Bench.Streams;

namespace Parley.Tests.Bench;

/// <summary>Keeps every data line a reader hands on, as text, and feeds a reader the way receives would.</summary>
internal sealed class RecordingLines : IDataLineHandler
{
    public List<string> Data { get; } = [];

    public void OnData(ReadOnlySpan<byte> data) => Data.Add(Encoding.UTF8.GetString(data));

    /// <summary>Writes each piece into the reader's free space as one receive (several, when it does not fit, as a socket would).</summary>
    public static void Feed(EventStreamReader reader, params string[] receives)
    {
        foreach (var piece in receives)
        {
            ReadOnlySpan<byte> bytes = Encoding.UTF8.GetBytes(piece);
            while (bytes.Length > 0)
            {
                var take = Math.Min(bytes.Length, reader.Free.Length);
                bytes[..take].CopyTo(reader.Free.Span);
                reader.Advance(take);
                bytes = bytes[take..];
            }
        }
    }
}
