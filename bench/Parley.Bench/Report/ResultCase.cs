using System.Globalization;

namespace Parley.Bench.Report;

/// <summary>
/// One mode with one set of parameters (for example fanout with 1,000 subscribers at rate 0), and what each
/// server measured for it: the unit the report compares Parley and its peers in.
/// </summary>
internal sealed class ResultCase(string mode, IReadOnlyList<KeyValuePair<string, string>> parameters, IEnumerable<ResultGroup> servers)
{
    private readonly Dictionary<string, ResultGroup> _servers = servers.ToDictionary(g => g.Server, StringComparer.Ordinal);

    public string Mode { get; } = mode;

    /// <summary>The parameters in the order the mode wrote them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; } = parameters;

    public IEnumerable<string> ServerNames => _servers.Keys;

    public ResultGroup? For(string server) => _servers.GetValueOrDefault(server);

    public string? Parameter(string name) => Parameters.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>Whether parameter <paramref name="name"/> is <paramref name="value"/>, in any letter case (<c>true</c>, <c>True</c>).</summary>
    public bool Has(string name, string value) => string.Equals(Parameter(name), value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether parameter <paramref name="name"/> is the number <paramref name="value"/> (<c>0</c> and <c>0.0</c> alike).</summary>
    public bool Is(string name, double value) => Number(name) == value;

    public double? Number(string name) =>
        double.TryParse(Parameter(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public string Describe() => string.Join(" ", Parameters.Select(p => $"{p.Key}={p.Value}"));
}
