using System.Text;
using System.Text.Json;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>Bodies: messages the API takes, other JSON, bytes, nothing, too much, and text in other encodings.</summary>
internal static class FuzzBodies
{
    public static byte[] Next(Random random) => random.Next(20) switch
    {
        < 6 => Encoding.UTF8.GetBytes(Message(random)),
        < 9 => Encoding.UTF8.GetBytes(RandomJson(random, depth: 0)),
        < 11 => RandomBytes(random, random.Next(0, 2000)),
        < 13 => [],
        13 => RandomBytes(random, random.Pick(65_536, 70_000)), // at and past the 64 KB body limit
        14 => Encoding.Unicode.GetBytes(Message(random)),
        15 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Message(random))],
        16 => [.. "{\"from\":\"ann\",\"to\":\"all\",\"text\":\""u8, 0xFF, 0xC3, 0x28, .. "\"}"u8], // invalid UTF-8
        17 => Encoding.UTF8.GetBytes(new string('[', random.Pick(63, 64, 65, 1000)) + new string(']', random.Pick(0, 63, 64))),
        _ => Encoding.UTF8.GetBytes(random.Pick("null", "{}", "[]", "\"x\"", "1e400", "{\"from\":null,\"to\":1,\"text\":[]}", "{\"from\":\"ann\"}{")),
    };

    private static string Message(Random random) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["from"] = FuzzNicks.Next(random),
        ["to"] = random.OneIn(2) ? "all" : FuzzNicks.Next(random),
        ["text"] = FuzzTexts.Next(random),
    });

    private static string RandomJson(Random random, int depth) => random.Next(depth > 3 ? 4 : 6) switch
    {
        0 => random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => JsonSerializer.Serialize(FuzzTexts.Next(random)),
        2 => random.Pick("true", "false", "null", "-0", "1.5e3"),
        3 => random.Pick("{", "[", "}", "\"", ",", "tru", "{\"a\":}"), // broken
        4 => "[" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))) + "]",
        _ => "{" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(_ =>
            JsonSerializer.Serialize(random.Pick("from", "to", "text", "id", "FROM", "")) + ":" + RandomJson(random, depth + 1))) + "}",
    };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
