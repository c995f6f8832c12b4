using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Bench.Results;

/// <summary>Prints a result as a table for people and writes it as JSON for <c>report</c>.</summary>
internal static class ResultOutput
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void WriteTable(ModeResult result, TextWriter output)
    {
        var parameters = string.Join(" ", result.Parameters.Select(p => $"{p.Key}={p.Value}"));
        output.WriteLine($"{result.Mode} against {result.Server} ({result.Protocol}), round {result.Round}: {parameters}");
        var width = result.Metrics.Concat<object>(result.Checks).Select(NameOf).DefaultIfEmpty("").Max(n => n.Length);
        foreach (var metric in result.Metrics)
        {
            output.WriteLine($"  {metric.Name.PadRight(width)}  {Format(metric.Value),14} {metric.Unit}");
        }

        foreach (var check in result.Checks)
        {
            output.WriteLine($"  {check.Name.PadRight(width)}  {(check.Passed ? "ok" : "FAILED"),14} {check.Detail}");
        }
    }

    public static async Task WriteJsonAsync(ModeResult result, string path, CancellationToken cancellation)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, result, Json, cancellation);
    }

    public static ModeResult ReadJson(string path)
    {
        using var file = File.OpenRead(path);
        return JsonSerializer.Deserialize<ModeResult>(file, Json)
            ?? throw new InvalidDataException($"{path} holds no result");
    }

    public static string Format(double value) =>
        Math.Abs(value) >= 100 || value == Math.Floor(value)
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string NameOf(object item) => item switch
    {
        Metric m => m.Name,
        Check c => c.Name,
        _ => "",
    };
}
