using System.Globalization;
using System.Text;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>How a body is framed on the wire: its headers, its bytes, and whether the client then closes its side.</summary>
internal sealed record FuzzFraming(IReadOnlyList<string> Headers, byte[] Wire, bool EndAfterSending)
{
    public static FuzzFraming Of(Random random, byte[] body) => random.Next(16) switch
    {
        < 7 => new([$"Content-Length: {body.Length}"], body, false),
        7 => new([], body, false), // no length: the body is read as the next request
        8 => new([$"Content-Length: {random.Next(0, body.Length + 1) / 2}"], body, false), // shorter than sent
        9 => new([$"Content-Length: {body.Length + random.Next(1, 100)}"], body, random.OneIn(2)), // longer than sent
        10 => new([random.Pick("Content-Length: abc", "Content-Length: -1", "Content-Length: 1, 2", "Content-Length: 99999999999999999999", $"Content-Length: {body.Length}\r\nContent-Length: 3")], body, false),
        11 or 12 or 13 => new(["Transfer-Encoding: chunked"], Chunked(random, body), false),
        14 => BadChunks(random, body),
        _ => new([random.Pick("Transfer-Encoding: gzip, chunked", "Transfer-Encoding: identity", "Transfer-Encoding: chunked, gzip", $"Transfer-Encoding: chunked\r\nContent-Length: {body.Length}")], Chunked(random, body), false),
    };

    private static byte[] Chunked(Random random, byte[] body)
    {
        using var wire = new MemoryStream();
        for (var at = 0; at < body.Length;)
        {
            var size = Math.Min(body.Length - at, random.Next(1, 5000));
            Write(wire, size.ToString(random.OneIn(2) ? "x" : "X", CultureInfo.InvariantCulture) + (random.OneIn(10) ? ";ext=1" : "") + "\r\n");
            wire.Write(body, at, size);
            Write(wire, "\r\n");
            at += size;
        }

        Write(wire, random.OneIn(10) ? "0\r\nX-Trailer: 1\r\n\r\n" : "0\r\n\r\n");
        return wire.ToArray();
    }

    private static FuzzFraming BadChunks(Random random, byte[] body)
    {
        var chunked = Chunked(random, body);
        byte[] broken = random.Next(5) switch
        {
            0 => [.. "zz\r\n"u8, .. chunked],
            1 => [.. "ffffffffffffffffff\r\n"u8, .. chunked],
            2 => [.. "3\r\nabcXX"u8, .. chunked], // no CRLF after the data
            3 => [.. "5;\u0001\r\n"u8.ToArray(), .. chunked],
            _ => chunked[..(chunked.Length / 2)], // cut short
        };
        return new(["Transfer-Encoding: chunked"], broken, random.OneIn(2));
    }

    private static void Write(MemoryStream wire, string text) => wire.Write(Encoding.ASCII.GetBytes(text));
}
