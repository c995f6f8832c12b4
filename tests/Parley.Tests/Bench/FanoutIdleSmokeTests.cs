using System.Globalization;
using Parley.Bench.Cli;
using Parley.Bench.Results;
using Parley.Tests.Infrastructure;
using Parley.Tests.Streams;

namespace Parley.Tests.Bench;

/// <summary>The fanout and idle modes end to end against the real server, in this process; figures are not asserted, only their names and the checks.</summary>
[Collection(LoadTests.Name)]
[Trait("Category", "Slow")]
public sealed class FanoutIdleSmokeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parley-bench-").FullName;

    [Theory]
    [InlineData("0")]
    [InlineData("500")]
    public async Task Fanout_delivers_every_broadcast_to_every_subscriber_once_and_names_its_figures(string rate)
    {
        await using var server = await ParleyServer.StartAsync();

        var result = await RunAsync(server, "fanout", "--subscribers", "20", "--broadcasts", "50", "--rate", rate, "--publishers", "2");

        Assert.Equal(
            ["connectSeconds", "deliveriesPerSec", "p50Ms", "p99Ms", "p999Ms", "lost", "duplicated", "cpuUsPerDelivery", "sourceAddresses"],
            result.Metrics.Select(m => m.Name));
        Assert.Equal(0, result.Find("lost"));
        Assert.Equal(0, result.Find("duplicated"));
        Assert.Equal(1, result.Find("sourceAddresses"));
        Assert.Equal(
            new Dictionary<string, string> { ["subscribers"] = "20", ["broadcasts"] = "50", ["rate"] = rate, ["publishers"] = "2" },
            result.Parameters);
    }

    [Fact]
    public async Task Idle_keeps_every_stream_open_and_names_its_figures()
    {
        await using var server = await ParleyServer.StartAsync();

        var result = await RunAsync(server, "idle", "--streams", "20", "--settle-seconds", "0");

        Assert.Equal(
            ["connectSeconds", "rssBeforeKib", "rssAfterKib", "kibPerStream", "cpuSecondsToConnect"],
            result.Metrics.Select(m => m.Name));
        Assert.Equal(new Dictionary<string, string> { ["streams"] = "20" }, result.Parameters);
        Assert.True(result.Passed);
    }

    [Fact]
    public async Task Idle_with_no_streams_reads_the_memory_of_the_server_at_rest()
    {
        await using var server = await ParleyServer.StartAsync();

        var result = await RunAsync(server, "idle", "--streams", "0", "--settle-seconds", "0");

        Assert.Equal(["rssBeforeKib", "rssAfterKib"], result.Metrics.Select(m => m.Name));
        Assert.Equal(new Dictionary<string, string> { ["streams"] = "0" }, result.Parameters);
        Assert.True(result.Passed);
    }

    [Fact]
    public async Task Idle_without_the_servers_process_id_is_a_usage_error()
    {
        var errors = new StringWriter();

        var exit = await BenchCommand.RunAsync(["idle", "--streams", "1"], TextWriter.Null, errors);

        Assert.Equal(2, exit);
        Assert.Contains("--server-pid", errors.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<ModeResult> RunAsync(ParleyServer server, params string[] options)
    {
        var json = Path.Combine(_folder, $"{options[0]}.json");
        var output = new StringWriter();
        var errors = new StringWriter();
        string[] args =
        [
            .. options,
            "--url", server.BaseAddress.ToString(),
            "--server-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--server-name", "parley",
            "--duration-limit", "60",
            "--json", json,
        ];

        var exit = await BenchCommand.RunAsync(args, output, errors).WaitAsync(Timeouts.UnderLoad, TestContext.Current.CancellationToken);

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{errors}");
        var result = ResultOutput.ReadJson(json);
        Assert.Equal((options[0], "parley", "seed"), (result.Mode, result.Server, result.Protocol));
        Assert.All(result.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        return result;
    }
}
