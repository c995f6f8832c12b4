using System.Globalization;

namespace Parley.Bench.Cli;

/// <summary>
/// <c>--name value</c> pairs, read with typed getters that name the option in every error. Each option
/// must be read by the mode that runs, so a misspelt or misplaced option is an error, not a silent default.
/// </summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public static BenchArgs Parse(ReadOnlySpan<string> args)
    {
        var parsed = new BenchArgs();
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
            {
                throw new BenchUsageException($"expected an option like --name, got '{name}'");
            }

            if (i + 1 >= args.Length)
            {
                throw new BenchUsageException($"option {name} needs a value");
            }

            if (!parsed._values.TryAdd(name[2..], args[i + 1]))
            {
                throw new BenchUsageException($"option {name} is given twice");
            }
        }

        return parsed;
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new BenchUsageException($"--{name} must be a whole number from {min} to {max}, got '{text}'");
        }

        return value;
    }

    /// <summary>Comma-separated whole numbers (<c>--server-pid 101,102</c>); empty when the option is not given.</summary>
    public IReadOnlyList<int> IntList(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Text(name) is not { } text)
        {
            return [];
        }

        return
        [
            .. text.Split(',', StringSplitOptions.TrimEntries).Select(item =>
                int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                    ? value
                    : throw new BenchUsageException($"--{name} must be whole numbers from {min} to {max}, separated by commas, got '{item}'")),
        ];
    }

    public double Double(string name, double fallback, double min = 0)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || !double.IsFinite(value))
        {
            throw new BenchUsageException($"--{name} must be a number of at least {min.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
        }

        return value;
    }

    public bool Bool(string name, bool fallback) => Text(name) switch
    {
        null => fallback,
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw new BenchUsageException($"--{name} must be true or false, got '{other}'"),
    };

    public T Choice<T>(string name, T fallback) where T : struct, Enum
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }

        return Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new BenchUsageException($"--{name} must be one of {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}, got '{text}'");
    }

    /// <summary>Fails on any option that no part of the running mode asked for.</summary>
    public void ThrowOnUnused()
    {
        var unused = _values.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
        {
            throw new BenchUsageException($"unknown option(s) for this mode: {string.Join(", ", unused.Select(u => "--" + u))}");
        }
    }
}
