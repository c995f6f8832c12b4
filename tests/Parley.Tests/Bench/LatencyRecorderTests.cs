using Parley.Bench.Measure;

namespace Parley.Tests.Bench;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void Percentiles_of_one_to_a_thousand_microseconds_are_exact_in_milliseconds()
    {
        var recorder = new LatencyRecorder();
        for (var micros = 1; micros <= 1000; micros++)
        {
            recorder.RecordMicros(micros);
        }

        Assert.Equal(1000, recorder.Count);
        Assert.Equal(0.5, recorder.PercentileMs(50));
        Assert.Equal(0.99, recorder.PercentileMs(99));
        Assert.Equal(0.999, recorder.PercentileMs(99.9));
        Assert.Equal(1.0, recorder.PercentileMs(100));
    }

    [Fact]
    public void An_empty_recorder_reports_zero()
    {
        Assert.Equal(0, new LatencyRecorder().PercentileMs(99));
    }

    [Fact]
    public void A_latency_below_one_microsecond_counts_as_one()
    {
        var recorder = new LatencyRecorder();

        recorder.RecordMicros(0.2);

        Assert.Equal(0.001, recorder.PercentileMs(50));
    }

    [Fact]
    public void Recording_from_many_threads_loses_nothing()
    {
        var recorder = new LatencyRecorder();

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                recorder.RecordMicros(100);
            }
        });

        Assert.Equal(80_000, recorder.Count);
    }
}
