using System.Globalization;
using System.Text;

namespace Parley.Seed;

/// <summary>
/// Decodes the path of a seed send. The seed's page encoded with JavaScript's <c>escape()</c>, which
/// writes Latin-1 bytes as <c>%XX</c> and other characters as <c>%uXXXX</c>; modern clients send UTF-8
/// with <c>encodeURIComponent</c>. Both decode here. <c>+</c> stays a plus: <c>escape()</c> leaves a typed
/// plus as it is, so reading it as a space would change what people wrote.
/// </summary>
public static class SeedPercentDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="encoded"/>; null when a <c>%</c> is not followed by two hex digits or <c>u</c> and four.</summary>
    public static string? Decode(ReadOnlySpan<char> encoded)
    {
        if (!encoded.Contains('%'))
        {
            return encoded.ToString();
        }

        var text = new StringBuilder(encoded.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < encoded.Length;)
        {
            if (encoded[i] != '%')
            {
                FlushBytes(bytes, text);
                text.Append(encoded[i++]);
            }
            else if (i + 5 < encoded.Length && encoded[i + 1] is 'u' or 'U' && IsHex(encoded.Slice(i + 2, 4), out var unit))
            {
                FlushBytes(bytes, text);
                text.Append((char)unit);
                i += 6;
            }
            else if (i + 2 < encoded.Length && IsHex(encoded.Slice(i + 1, 2), out var octet))
            {
                bytes.Add((byte)octet);
                i += 3;
            }
            else
            {
                return null;
            }
        }

        FlushBytes(bytes, text);
        return text.ToString();
    }

    // A run of %XX octets is UTF-8 when it decodes as UTF-8, and escape()'s Latin-1 otherwise.
    private static void FlushBytes(List<byte> bytes, StringBuilder text)
    {
        if (bytes.Count == 0)
        {
            return;
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        try
        {
            text.Append(StrictUtf8.GetString(span));
        }
        catch (DecoderFallbackException)
        {
            text.Append(Encoding.Latin1.GetString(span));
        }

        bytes.Clear();
    }

    private static bool IsHex(ReadOnlySpan<char> digits, out int value) =>
        int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
}
