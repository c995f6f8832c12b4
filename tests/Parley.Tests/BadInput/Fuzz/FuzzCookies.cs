namespace Parley.Tests.BadInput.Fuzz;

/// <summary>
/// <c>Cookie</c> headers: none, the fuzz's own sessions whole, cut short, bent by a character, split into the chunks the
/// cookie handler reassembles, forged chunk counts, random bytes, and values past the header limit.
/// </summary>
/// <param name="sessions">Real <c>parley_session=…</c> pairs of sessions the fuzz may use and spoil.</param>
internal sealed class FuzzCookies(IReadOnlyList<string> sessions)
{
    private const string Name = "parley_session";

    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>A whole <c>Cookie:</c> header line, or null for a request without one.</summary>
    public string? Next(Random random)
    {
        var session = random.Pick([.. sessions]);
        var value = session[(Name.Length + 1)..];
        var cookie = random.Next(14) switch
        {
            < 4 => null,
            4 or 5 => session,
            6 => $"{Name}={value[..random.Next(0, value.Length)]}", // cut short
            7 => $"{Name}={Bent(random, value)}",
            8 => $"{Name}={RandomValue(random, random.Next(0, 600))}",
            9 => $"{Name}=" + random.Pick("", "\"\"", "chunks-0", "chunks-1", "chunks-2", "chunks-2147483647", "chunks--1", "chunks-99999999999", "%00", "null", "deleted", ";", "=", "\u00ff\u00fe"),
            10 => Chunked(random, value),
            11 => $"{session}; {Name}={RandomValue(random, 40)}", // the name twice
            12 => random.Pick("a=b", $"{Name.ToUpperInvariant()}={value}", $"{Name} = {value}", $" {Name}={value}", $"{Name}=\"{value}\"", "=;=;=", $"{Name}C1={value}"),
            _ => $"{Name}=" + new string('A', random.Pick(4096, 16_000, 40_000)), // 40 KB is past Kestrel's 32 KB of headers
        };
        return cookie is null ? null : "Cookie: " + cookie;
    }

    private static string Bent(Random random, string value)
    {
        if (value.Length == 0)
        {
            return "x";
        }

        var chars = value.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    /// <summary>The real value in the cookie handler's chunked form, with a chunk now and then missing or extra.</summary>
    private static string Chunked(Random random, string value)
    {
        var count = random.Next(1, 5);
        var size = (value.Length + count - 1) / count;
        var chunks = Enumerable.Range(0, count).Select(i => value.Substring(Math.Min(i * size, value.Length), Math.Clamp(value.Length - (i * size), 0, size))).ToList();
        var announced = random.OneIn(4) ? count + random.Pick(-1, 1, 1000) : count;
        return $"{Name}=chunks-{announced}; " + string.Join("; ", chunks.Select((chunk, i) => $"{Name}C{i + 1}={chunk}"));
    }

    private static string RandomValue(Random random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => Base64Url[random.Next(Base64Url.Length)]));
}
