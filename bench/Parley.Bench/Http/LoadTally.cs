namespace Parley.Bench.Http;

/// <summary>
/// What the responses of a load run looked like. Each worker keeps its own tally (no locking per request);
/// the run merges them at the end.
/// </summary>
internal sealed class LoadTally
{
    private readonly HashSet<long> _bodyLengths = [];

    public long Responses { get; private set; }

    /// <summary>Responses whose status is not exactly 200.</summary>
    public long Not200 { get; private set; }

    /// <summary>Responses whose status is outside 200-299.</summary>
    public long Non2xx { get; private set; }

    /// <summary>Requests that got no whole response: refused or dropped connections, malformed answers.</summary>
    public long Errors { get; private set; }

    /// <summary>What went wrong the first time, to say in a check's detail.</summary>
    public string? FirstError { get; private set; }

    /// <summary>Every distinct body length seen, smallest first.</summary>
    public IReadOnlyList<long> BodyLengths => [.. _bodyLengths.Order()];

    public void Add(ResponseSummary response)
    {
        Responses++;
        Not200 += response.Status == 200 ? 0 : 1;
        Non2xx += response.Status is >= 200 and < 300 ? 0 : 1;
        _bodyLengths.Add(response.BodyLength);
    }

    public void AddError(Exception error)
    {
        Errors++;
        FirstError ??= error.Message;
    }

    public static LoadTally Merge(IEnumerable<LoadTally> tallies)
    {
        var merged = new LoadTally();
        foreach (var tally in tallies)
        {
            merged.Responses += tally.Responses;
            merged.Not200 += tally.Not200;
            merged.Non2xx += tally.Non2xx;
            merged.Errors += tally.Errors;
            merged.FirstError ??= tally.FirstError;
            merged._bodyLengths.UnionWith(tally._bodyLengths);
        }

        return merged;
    }
}
