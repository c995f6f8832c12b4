using System.Globalization;
using System.Text;

namespace Parley.Bench.Streams;

/// <summary>The parts of an HTTP/1.1 response head the tool acts on.</summary>
internal sealed record ResponseHead(int Status, string StatusLine, bool Chunked, long? ContentLength, bool Close)
{
    /// <summary>Parses a head up to, not including, the blank line that ends it.</summary>
    public static ResponseHead Parse(ReadOnlySpan<byte> head)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var statusLine = lines[0];
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new InvalidDataException($"not an HTTP/1.x status line: '{statusLine}'");
        }

        var chunked = false;
        long? contentLength = null;
        var close = parts[0] == "HTTP/1.0";
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line.AsSpan(0, colon).Trim();
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                close = value.Contains("close", StringComparison.OrdinalIgnoreCase);
            }
        }

        return new ResponseHead(status, statusLine, chunked, contentLength, close);
    }

    /// <summary>204, 304 and 1xx answers carry no body whatever their headers say.</summary>
    public bool HasBody => Status is >= 200 and not 204 and not 304;
}
