using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// Sums one server's <c>parley.streams.closed</c> counter for one <c>reason</c> tag (or another counter for one tag).
/// Servers of tests running beside this one have their own meters; the meter's scope (the server's meter factory)
/// tells them apart.
/// </summary>
internal sealed class ClosedStreamsCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public ClosedStreamsCounter(ParleyServer server, string reason)
        : this(server, "parley.streams.closed", "reason", reason)
    {
    }

    public ClosedStreamsCounter(ParleyServer server, string counter, string tagKey, string reason)
    {
        Reason = reason;
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == "Parley" && instrument.Name == counter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == tagKey && Equals(tag.Value, reason))
                {
                    Interlocked.Add(ref _total, value);
                }
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public string Reason { get; }

    public void Dispose() => _listener.Dispose();
}
