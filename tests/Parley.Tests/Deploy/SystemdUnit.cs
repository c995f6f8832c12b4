using System.Text.RegularExpressions;

namespace Parley.Tests.Deploy;

/// <summary>
/// deploy/systemd/parley.service read as systemd reads it: sections of <c>Key=Value</c> lines, <c>#</c> comments, a
/// key given twice keeping both values (Environment=), words split on blanks with double quotes grouping them.
/// </summary>
internal sealed partial class SystemdUnit
{
    public const string DataFolder = "/var/lib/parley";
    public const string InstallFolder = "/opt/parley";

    private readonly List<(string Section, string Key, string Value)> _entries = [];

    private SystemdUnit(string text)
    {
        Text = text;
        var section = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line.Trim('[', ']');
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            _entries.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }
    }

    public string Text { get; }

    public static SystemdUnit Committed { get; } = new(Repository.Read("deploy", "systemd", "parley.service"));

    public IReadOnlyList<string> All(string key, string section = "Service") =>
        [.. _entries.Where(entry => entry.Section == section && entry.Key == key).Select(entry => entry.Value)];

    /// <summary>The one value of <paramref name="key"/>; fails when it is missing or given twice.</summary>
    public string Single(string key, string section = "Service") => Assert.Single(All(key, section));

    /// <summary>ExecStart split into the executable and its arguments.</summary>
    public IReadOnlyList<string> ExecStart => [.. Words(Single("ExecStart"))];

    /// <summary>Every Environment= assignment, in order; a later one of the same name wins, as in systemd.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var assignment in All("Environment").SelectMany(Words))
            {
                var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                variables[assignment[..equals]] = assignment[(equals + 1)..];
            }

            return variables;
        }
    }

    /// <summary>A time span as systemd writes it: <c>45s</c>, <c>1min 30s</c>, <c>500ms</c> or bare seconds.</summary>
    public TimeSpan TimeSpanOf(string key) => TimeSpan.FromTicks(TimeSpanWord().Matches(Single(key)).Sum(part =>
        (long)(double.Parse(part.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * part.Groups[2].Value switch
        {
            "" or "s" or "sec" => TimeSpan.TicksPerSecond,
            "ms" or "msec" => TimeSpan.TicksPerMillisecond,
            "m" or "min" => TimeSpan.TicksPerMinute,
            "h" or "hr" => TimeSpan.TicksPerHour,
            var unit => throw new FormatException($"Unknown time unit '{unit}' in {key}"),
        })));

    private static IEnumerable<string> Words(string value) => Word().Matches(value).Select(word => word.Groups[1].Success ? word.Groups[1].Value : word.Value);

    [GeneratedRegex("\"([^\"]*)\"|[^\\s\"]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"([0-9.]+)\s*([a-z]*)")]
    private static partial Regex TimeSpanWord();
}
