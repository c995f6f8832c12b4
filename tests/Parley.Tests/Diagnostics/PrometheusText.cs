using System.Globalization;
using System.Text;

namespace Parley.Tests.Diagnostics;

/// <summary>One sample of a scrape: a series name, its labels and its value.</summary>
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public override string ToString() => $"{Name}{{{string.Join(",", Labels.Select(label => $"{label.Key}=\"{label.Value}\""))}}} {Value}";
}

/// <summary>
/// Prometheus's text exposition format (version 0.0.4), as much of it as a scrape of <c>/metrics</c> uses: comment lines,
/// then <c>name{label="value",...} value</c> with <c>\\</c>, <c>\"</c> and <c>\n</c> escaped in label values.
/// </summary>
internal sealed class PrometheusText
{
    private PrometheusText(IReadOnlyList<Sample> samples, string text)
    {
        Samples = samples;
        Text = text;
    }

    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>The scrape as it came, for a failure message.</summary>
    public string Text { get; }

    /// <summary>Every series name in the scrape, histograms' <c>_bucket</c>, <c>_sum</c> and <c>_count</c> included.</summary>
    public IReadOnlySet<string> Names => Samples.Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);

    public static PrometheusText Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                samples.Add(ParseSample(line));
            }
        }

        return new PrometheusText(samples, text);
    }

    /// <summary>The value of the one series of <paramref name="name"/> that has all of <paramref name="labels"/> (and perhaps more); 0 when there is none.</summary>
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        var matching = Samples.Where(sample => sample.Name == name && labels.All(l => sample.Labels.GetValueOrDefault(l.Label) == l.Value)).ToList();
        Assert.True(matching.Count <= 1, $"{matching.Count} series of {name} match {string.Join(", ", labels)}:\n{string.Join('\n', matching)}");
        return matching.Count == 0 ? 0 : matching[0].Value;
    }

    /// <summary>The values of every series of <paramref name="name"/> that has all of <paramref name="labels"/>, added up.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) => Samples
        .Where(sample => sample.Name == name && labels.All(l => sample.Labels.GetValueOrDefault(l.Label) == l.Value))
        .Sum(sample => sample.Value);

    private static Sample ParseSample(string line)
    {
        var nameEnd = line.IndexOfAny(['{', ' ']);
        var name = line[..nameEnd];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = nameEnd;
        if (line[at] == '{')
        {
            at++;
            while (line[at] != '}')
            {
                var equals = line.IndexOf('=', at);
                var label = line[at..equals];
                at = equals + 2; // past ="
                var value = new StringBuilder();
                for (; line[at] != '"'; at++)
                {
                    if (line[at] == '\\')
                    {
                        at++;
                        value.Append(line[at] == 'n' ? '\n' : line[at]);
                    }
                    else
                    {
                        value.Append(line[at]);
                    }
                }

                labels[label] = value.ToString();
                at++; // past the closing quote
                if (line[at] == ',')
                {
                    at++;
                }
            }

            at++; // past }
        }

        var fields = line[at..].Trim().Split(' ');
        return new Sample(name, labels, ParseValue(fields[0]));
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
