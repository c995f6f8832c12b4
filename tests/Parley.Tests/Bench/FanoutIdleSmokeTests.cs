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
    public async Task Fanout_publishing_on_a_new_connection_per_broadcast_delivers_each_once_and_says_so_in_its_parameters()
    {
        await using var server = await ParleyServer.StartAsync();

        var result = await RunAsync(server, "fanout", "--subscribers", "20", "--broadcasts", "50", "--publish-connection", "new");

        Assert.Equal(0, result.Find("lost"));
        Assert.Equal(0, result.Find("duplicated"));
        Assert.Equal(
            new Dictionary<string, string> { ["subscribers"] = "20", ["broadcasts"] = "50", ["rate"] = "0", ["publishers"] = "8", ["publishConnection"] = "new" },
            result.Parameters);
    }

    [Fact]
    public async Task Fanout_with_an_unknown_publish_connection_is_a_usage_error()
    {
        var errors = new StringWriter();

        var exit = await BenchCommand.RunAsync(["fanout", "--publish-connection", "pooled", "--url", "http://127.0.0.1:1"], TextWriter.Null, errors);

        Assert.Equal(2, exit);
        Assert.Contains("--publish-connection must be keep-alive or new, got 'pooled'", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fanout_over_one_server_listed_twice_splits_the_room_and_still_delivers_each_broadcast_once()
    {
        await using var server = await ParleyServer.StartAsync();
        var url = server.BaseAddress.ToString();
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

        var result = await RunAsync(
            $"{url},{url}", $"{pid},{pid}", 0, "fanout", "--subscribers", "20", "--broadcasts", "50", "--publishers", "3");

        Assert.Equal(0, result.Find("lost"));
        Assert.Equal(0, result.Find("duplicated"));
        Assert.NotNull(result.Find("cpuUsPerDelivery"));
        Assert.Equal("2", result.Parameters["nodes"]);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("json")]
    public async Task Idle_keeps_every_stream_open_through_burst_and_churn_and_names_its_figures(string protocol)
    {
        await using var server = await ParleyServer.StartAsync();

        var result = await RunAsync(
            server, "idle", "--streams", "20", "--settle-seconds", "0", "--quiet-seconds", "1", "--burst", "3", "--publishers", "2", "--protocol", protocol);

        Assert.Equal(
            [
                "pssBeforeKib", "connectSeconds", "cpuSecondsToConnect", "pssAfterKib", "kibPerStream", "idleCpuUsPerStreamSecond",
                "pssAfterBurstKib", "kibPerStreamAfterBurst", "churnSeconds", "pssAfterChurnKib", "kibPerStreamAfterChurn",
            ],
            result.Metrics.Select(m => m.Name));
        Assert.Equal(
            ["every stream open at the end", "every stream got every burst broadcast once"],
            result.Checks.Select(c => c.Name));
        Assert.Equal(
            protocol == "json" ? new Dictionary<string, string> { ["streams"] = "20", ["protocol"] = "json" } : new() { ["streams"] = "20" },
            result.Parameters);
        Assert.True(result.Passed);
    }

    [Fact]
    public async Task Idle_with_no_streams_reads_the_memory_of_the_server_at_rest()
    {
        await using var server = await ParleyServer.StartAsync();

        var result = await RunAsync(server, "idle", "--streams", "0", "--settle-seconds", "0");

        Assert.Equal(["pssBeforeKib", "pssAfterKib"], result.Metrics.Select(m => m.Name));
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

    private Task<ModeResult> RunAsync(ParleyServer server, params string[] options) =>
        RunAsync(server.BaseAddress.ToString(), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), 0, options);

    /// <param name="pids">The <c>--server-pid</c> list, or null to leave CPU figures out.</param>
    /// <param name="expectedExit">0 when every check must pass, 1 when one must fail.</param>
    /// <param name="options">The mode, then its options.</param>
    private async Task<ModeResult> RunAsync(string urls, string? pids, int expectedExit, params string[] options)
    {
        var mode = options[0];
        var json = Path.Combine(_folder, $"{mode}.json");
        var output = new StringWriter();
        var errors = new StringWriter();
        string[] args =
        [
            .. options,
            "--url", urls,
            .. pids is null ? Array.Empty<string>() : ["--server-pid", pids],
            "--server-name", "parley",
            "--duration-limit", "60",
            "--json", json,
        ];

        var exit = await BenchCommand.RunAsync(args, output, errors).WaitAsync(Timeouts.UnderLoad, TestContext.Current.CancellationToken);

        Assert.True(exit == expectedExit, $"exit {exit}\n{output}\n{errors}");
        var result = ResultOutput.ReadJson(json);
        var protocol = Array.IndexOf(options, "--protocol") is var at and >= 0 ? options[at + 1] : "seed";
        Assert.Equal((mode, "parley", protocol), (result.Mode, result.Server, result.Protocol));
        if (expectedExit == 0)
        {
            Assert.All(result.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        }

        return result;
    }
}
