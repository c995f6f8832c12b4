using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Diagnostics;

namespace Parley.Tests.Diagnostics;

/// <summary>
/// The queue gauges walk the hub's streams under its lock: one walk answers both gauges of a collection, and any
/// collection for a second after it.
/// </summary>
public sealed class QueueGaugeReadingTests
{
    [Fact]
    public void One_walk_of_the_queues_answers_both_queue_gauges()
    {
        using var setup = new Setup();

        setup.Collect();

        Assert.Equal(1, setup.Walks);
        Assert.Equal(100, setup.Read("parley.streams.queued"));
        Assert.Equal(60, setup.Read("parley.streams.queued.max"));
    }

    [Fact]
    public void A_collection_within_a_second_of_the_walk_reads_it_again_and_a_later_one_walks_anew()
    {
        using var setup = new Setup();
        setup.Collect();
        setup.Queued = (7, 7);

        setup.Time.Advance(ChatMetrics.QueueReadingLifetime - TimeSpan.FromMilliseconds(1));
        setup.Collect();
        var cached = (setup.Walks, setup.Read("parley.streams.queued"));
        setup.Time.Advance(TimeSpan.FromMilliseconds(1));
        setup.Collect();

        Assert.Equal((1, 100L), cached);
        Assert.Equal(2, setup.Walks);
        Assert.Equal(7, setup.Read("parley.streams.queued"));
        Assert.Equal(7, setup.Read("parley.streams.queued.max"));
    }

    private sealed class Setup : IDisposable
    {
        private readonly ServiceProvider _services;
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _last = [];

        public Setup()
        {
            _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
            var factory = _services.GetRequiredService<IMeterFactory>();
            var metrics = new ChatMetrics(factory, Time);
            metrics.Observe(() => 2, () =>
            {
                Walks++;
                return Queued;
            });
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory)) // not the meters of servers other tests run meanwhile
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _last[instrument.Name] = value);
            _listener.Start();
        }

        public FakeTimeProvider Time { get; } = new();

        public (long Total, long Largest) Queued { get; set; } = (100, 60);

        public int Walks { get; private set; }

        public void Collect() => _listener.RecordObservableInstruments();

        public long Read(string instrument) => _last[instrument];

        public void Dispose()
        {
            _listener.Dispose();
            _services.Dispose();
        }
    }
}
