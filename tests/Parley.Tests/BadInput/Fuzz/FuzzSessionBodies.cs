using System.Text;
using System.Text.Json;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>
/// Bodies for <c>/api/session</c>, <c>/api/accounts</c> and <c>/api/account/password</c>: the fields they read, with
/// values of every kind (wrong JSON types, nulls, nesting, empty and huge strings, bad UTF-8, look-alike nicks), and now
/// and then any body at all. Well-formed logins and registrations are a small share: each costs a password hash.
/// </summary>
internal static class FuzzSessionBodies
{
    private static readonly string[] Fields = ["nick", "password", "newPassword", "NICK", "Password", "from", ""];

    public static byte[] Next(Random random) => random.Next(20) switch
    {
        < 6 => Encoding.UTF8.GetBytes(Fields3(random)),
        < 9 => Encoding.UTF8.GetBytes(random.Pick(
            "{\"nick\":123}", "{\"nick\":[\"ann\"]}", "{\"nick\":{\"nick\":\"ann\"}}", "{\"nick\":true}", "{\"nick\":null}",
            "{\"nick\":\"ann\",\"password\":12345678}", "{\"password\":null,\"newPassword\":null}", "{\"nick\":1e400}",
            "{\"nick\":\"ann\",\"password\":[]}", "{\"password\":{},\"newPassword\":false}", "{\"nick\":\"ann\",\"nick\":\"Bob\"}",
            "{\"nick\":\"\\u0000\"}", "{\"nick\":\"\\ud800\"}", "{\"nick\":\"ann\"", "{\"nick\":'ann'}", "{nick:\"ann\"}")),
        < 11 => Encoding.UTF8.GetBytes(Nested(random)),
        11 => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { nick = new string('n', random.Pick(33, 60_000)), password = new string('p', random.Pick(257, 4097, 60_000)) })),
        12 => Encoding.UTF8.GetBytes(random.Pick("{\"nick\":\"\",\"password\":\"\"}", "{\"password\":\"\",\"newPassword\":\"\"}", "{\"nick\":\"\"}", "{}")),
        13 => [.. "{\"nick\":\""u8, .. random.Pick<byte[]>([0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]), .. "\",\"password\":\"x\"}"u8],
        14 => [.. "{\"password\":\"fuzz password 1\",\"newPassword\":\""u8, 0xC3, 0x28, .. "xxxxxxxxx\"}"u8],
        _ => FuzzBodies.Next(random),
    };

    /// <summary>An object of up to three of the fields, each with a drawn value.</summary>
    private static string Fields3(Random random)
    {
        var fields = new Dictionary<string, object?>();
        for (var count = random.Next(0, 4); count > 0; count--)
        {
            var name = random.Pick(Fields);
            fields[name] = name.Contains("assword", StringComparison.Ordinal) ? Password(random) : Nick(random);
        }

        return JsonSerializer.Serialize(fields);
    }

    private static string? Nick(Random random) => random.Next(8) switch
    {
        0 => null,
        1 => FuzzLookAlikes.Invalid(random, random.Pick("ann", "bob", "mary")).Nick,
        2 => FuzzLookAlikes.SameNick(random, random.Pick(FuzzNicks.FuzzGuest, FuzzNicks.FuzzAccount, "ann")).Nick,
        _ => FuzzNicks.Next(random),
    };

    // Mostly too short or too long, which is refused before any hashing; now and then one that is hashed.
    private static string? Password(Random random) => random.Next(10) switch
    {
        0 => null,
        1 => "",
        2 => FuzzNicks.FuzzAccountPassword,
        3 => $"long enough {random.Next()}",
        4 => new string('p', random.Pick(256, 257, 5000)),
        5 => "p\u0000ss\ud800word",
        _ => random.Pick("short", "1234567", "x", " ", "\u00e9\u00e9"),
    };

    private static string Nested(Random random)
    {
        var depth = random.Pick(2, 10, 63, 64, 65, 500);
        var open = random.OneIn(2) ? "{\"nick\":" : "[";
        var close = open == "[" ? "]" : "}";
        return string.Concat(Enumerable.Repeat(open, depth)) + "\"ann\"" + string.Concat(Enumerable.Repeat(close, random.OneIn(3) ? depth - 1 : depth));
    }
}
