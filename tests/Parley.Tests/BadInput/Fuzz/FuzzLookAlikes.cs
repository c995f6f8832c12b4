using System.Globalization;
using System.Text;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>What a look-alike of a nick is to the server: the same nick in another case, or no valid nick at all.</summary>
internal enum LookAlikeKind
{
    SameNick,
    Invalid,
}

internal sealed record LookAlike(string Nick, LookAlikeKind Kind, string How);

/// <summary>
/// Nicks made to pass for a bystander's. Another letter case is the same person; a character outside the nick rule
/// (a Cyrillic or Greek letter, a fullwidth one, a zero-width joiner, a combining mark) makes it no nick, and it must
/// be refused as one, never matched to the nick it imitates; a trailing dot or dash makes another, free nick.
/// </summary>
internal static class FuzzLookAlikes
{
    // Homoglyphs of the letters in the bystanders' nicks. 'ſ' (long s) upper-cases to 'S' and the Kelvin sign
    // lower-cases to 'k': a case-insensitive compare that ran before the nick rule would take them for ASCII.
    private static readonly Dictionary<char, string[]> Homoglyphs = new()
    {
        ['a'] = ["\u0430", "\u03b1", "\u0251"],
        ['c'] = ["\u0441", "\u03f2", "\u217d"],
        ['d'] = ["\u0501", "\u217e"],
        ['e'] = ["\u0435", "\u0117"],
        ['g'] = ["\u0261", "\u0581"],
        ['h'] = ["\u04bb", "\u210e"],
        ['m'] = ["\u217f", "\u043c"],
        ['n'] = ["\u0578", "\u03b7"],
        ['o'] = ["\u043e", "\u03bf", "\u0585"],
        ['r'] = ["\u0433", "\u1d26"],
        ['s'] = ["\u0455", "\u017f"],
        ['t'] = ["\u0442", "\u03c4"],
        ['u'] = ["\u057d", "\u03c5"],
        ['w'] = ["\u051d", "\u0461"],
        ['y'] = ["\u0443", "\u04af"],
    };

    private static readonly string[] Invisible = ["\u200d", "\u200c", "\u200b", "\u2060", "\u00ad", "\ufeff", "\u180e"];

    private static readonly string[] Combining = ["\u0301", "\u0308", "\u0338", "\u20e3"];

    private static readonly string[] Around = [" ", "\t", "\u00a0", "\u0000", "\u3000"];

    public static LookAlike SameNick(Random random, string nick)
    {
        var cased = string.Concat(nick.Select(c => random.OneIn(2) ? char.ToUpperInvariant(c) : c));
        return new LookAlike(cased == nick ? nick.ToUpperInvariant() : cased, LookAlikeKind.SameNick, "another letter case");
    }

    public static LookAlike Invalid(Random random, string nick)
    {
        var at = random.Next(nick.Length);
        return random.Next(7) switch
        {
            < 2 => Homoglyph(random, nick),
            2 => new(string.Concat(nick.Select(c => (char)(c + 0xFEE0))), LookAlikeKind.Invalid, "fullwidth letters"),
            3 => new(nick.Insert(at, random.Pick(Invisible)), LookAlikeKind.Invalid, "an invisible character"),
            4 => new(nick.Insert(at + 1, random.Pick(Combining)), LookAlikeKind.Invalid, "a combining mark"),
            5 => new(random.OneIn(2) ? nick + random.Pick(Around) : random.Pick(Around) + nick, LookAlikeKind.Invalid, "white space or NUL around it"),
            _ => new(nick.ToUpperInvariant().Replace("S", "\u017f", StringComparison.Ordinal).Replace("A", "\u0391", StringComparison.Ordinal), LookAlikeKind.Invalid, "upper case with a long s and a Greek alpha"),
        };
    }

    /// <summary>'all' in another letter case: still the reserved word, so never a nick.</summary>
    public static LookAlike All(Random random) =>
        new(random.Pick("ALL", "All", "aLl", "alL", "all"), LookAlikeKind.Invalid, "the reserved 'all'");

    /// <summary>Another nick that reads like <paramref name="nick"/>: valid, and not the same person.</summary>
    public static string Distinct(Random random, string nick) =>
        random.OneIn(2) ? nick + random.Pick(".", "-", "_", "..", "-.", "0") : random.Pick(".", "-", "_") + nick;

    /// <summary>
    /// <paramref name="nick"/> percent-encoded in a path here and there, as UTF-8 <c>%XX</c> and, where the seed's decoder
    /// reads them (<paramref name="seedEscapes"/>), as <c>escape()</c>'s <c>%uXXXX</c>. Non-ASCII is always encoded.
    /// </summary>
    public static string PercentEncoded(Random random, string nick, bool seedEscapes)
    {
        var encoded = new StringBuilder();
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in nick.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '.' or '-' or '_') && !random.OneIn(3))
            {
                encoded.Append((char)rune.Value);
            }
            else if (seedEscapes && rune.IsBmp && random.OneIn(2))
            {
                encoded.Append(CultureInfo.InvariantCulture, $"%u{rune.Value:X4}");
            }
            else
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    encoded.Append('%').Append(b.ToString(random.OneIn(2) ? "X2" : "x2", CultureInfo.InvariantCulture));
                }
            }
        }

        return encoded.ToString();
    }

    private static LookAlike Homoglyph(Random random, string nick)
    {
        var places = Enumerable.Range(0, nick.Length).Where(i => Homoglyphs.ContainsKey(nick[i])).ToArray();
        if (places.Length == 0)
        {
            return new(nick + "\u0430", LookAlikeKind.Invalid, "a Cyrillic 'a' at the end");
        }

        var at = random.Pick(places);
        var glyph = random.Pick(Homoglyphs[nick[at]]);
        return new(nick[..at] + glyph + nick[(at + 1)..], LookAlikeKind.Invalid, $"U+{(int)glyph[0]:X4} for '{nick[at]}'");
    }
}
