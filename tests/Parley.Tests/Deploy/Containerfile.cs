using System.Text.RegularExpressions;

namespace Parley.Tests.Deploy;

/// <summary>
/// deploy/container/Containerfile read as a builder reads it: one instruction per line, a backslash at the end of a line
/// continuing it, <c>#</c> lines left out. Enough to check what it says; not a build.
/// </summary>
internal sealed partial class Containerfile
{
    private Containerfile(IReadOnlyList<(string Instruction, string Arguments)> instructions) => Instructions = instructions;

    public static Containerfile Committed { get; } = Parse(Repository.Read("deploy", "container", "Containerfile"));

    public IReadOnlyList<(string Instruction, string Arguments)> Instructions { get; }

    /// <summary>The instructions of the last stage, the image that runs: from its FROM on.</summary>
    public IReadOnlyList<(string Instruction, string Arguments)> FinalStage =>
        [.. Instructions.Skip(Instructions.Select((entry, index) => (entry, index)).Last(pair => pair.entry.Instruction == "FROM").index)];

    public IEnumerable<string> All(string instruction) => Instructions.Where(entry => entry.Instruction == instruction).Select(entry => entry.Arguments);

    public static IEnumerable<string> All(IEnumerable<(string Instruction, string Arguments)> stage, string instruction) =>
        stage.Where(entry => entry.Instruction == instruction).Select(entry => entry.Arguments);

    /// <summary>ENV's name=value pairs (the form with an equals sign), the last one of a name winning.</summary>
    public static IReadOnlyDictionary<string, string> Environment(IEnumerable<(string Instruction, string Arguments)> stage)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match pair in All(stage, "ENV").SelectMany(arguments => EnvPair().Matches(arguments)))
        {
            variables[pair.Groups[1].Value] = pair.Groups[2].Value;
        }

        return variables;
    }

    private static Containerfile Parse(string text)
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = "";
            if (whole.Length == 0)
            {
                continue;
            }

            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim()));
        }

        return new Containerfile(instructions);
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(""[^""]*""|\S*)")]
    private static partial Regex EnvPair();
}
