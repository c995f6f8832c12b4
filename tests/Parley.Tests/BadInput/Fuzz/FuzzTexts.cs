using System.Globalization;
using System.Text;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>Message texts and their encodings in a seed send's path: modern, the seed page's <c>escape()</c>, broken, raw.</summary>
internal static class FuzzTexts
{
    private static readonly string[] Pieces =
    [
        "hi", "hello there", " ", "\t", "\n", "\r\n", "+", "%", "€", "é", "😀", "\u0000", "\u0001", "\u007f", "\ud800", "<b>",
        "\"", "\\", "'", "data: x", "id: 5", ":", "all", "/", "?", "#", "&", "=",
    ];

    public static string Next(Random random)
    {
        if (random.OneIn(40))
        {
            return new string('x', random.Pick(3999, 4000, 4001, 9000)); // around the 4000-character limit
        }

        var text = new StringBuilder();
        for (var count = random.Next(0, 6); count > 0; count--)
        {
            text.Append(random.Pick(Pieces));
        }

        return text.ToString();
    }

    public static string Encoded(Random random, string text) => random.Next(6) switch
    {
        0 or 1 or 2 => Uri.EscapeDataString(FixSurrogates(text)),
        3 => SeedPageEscape(text),
        4 => Uri.EscapeDataString(FixSurrogates(text)) + random.Pick("%", "%z", "%zz", "%u12", "%uzzzz", "%C3", "%FF%FE"),
        _ => text.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal), // raw: spaces and all
    };

    /// <summary>JavaScript's <c>escape()</c>, as the seed's page encoded: <c>%XX</c> for Latin-1, <c>%uXXXX</c> above.</summary>
    private static string SeedPageEscape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                _ when char.IsAsciiLetterOrDigit(c) || "@*_+-./".Contains(c, StringComparison.Ordinal) => c.ToString(),
                < (char)256 => "%" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                _ => "%u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return escaped.ToString();
    }

    // Uri.EscapeDataString refuses a lone surrogate; the escape() form above still sends one.
    private static string FixSurrogates(string text) => text.Replace("\ud800", "\ufffd", StringComparison.Ordinal);
}
