using System.Globalization;
using Parley.Bench.Cli;
using Parley.Bench.Results;
using Parley.Tests.Infrastructure;
using Parley.Tests.Streams;

namespace Parley.Tests.Bench;

/// <summary>
/// <c>static</c> and <c>send</c> end to end against the real server, briefly: the command line, the load, the
/// server CPU read from /proc (the test server runs in this process) and the JSON the report reads. Names and
/// counts are asserted, never timings.
/// </summary>
[Collection(LoadTests.Name)]
[Trait("Category", "Slow")]
public sealed class StaticAndSendSmokeTests : IDisposable
{
    private const int Requests = 200;

    private readonly DirectoryInfo _results = Directory.CreateTempSubdirectory("parley-bench-");

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Static_gets_the_page_every_time_and_writes_the_contracted_names(string keepAlive)
    {
        await using var server = await ParleyServer.StartAsync();

        var (exit, result, output) = await RunAsync(server, "static", "--keep-alive", keepAlive, "--concurrency", "4", "--path", "/");

        Assert.True(exit == 0, output);
        Assert.Equal(("static", "parley", "seed", 2), (result.Mode, result.Server, result.Protocol, result.Round));
        Assert.Equal(
            new Dictionary<string, string> { ["keepAlive"] = keepAlive, ["concurrency"] = "4", ["requests"] = "200", ["path"] = "/" },
            result.Parameters);
        Assert.Equal(
            ["reqPerSec", "cpuUsPerRequest", "p50Ms", "p99Ms", "p999Ms", "non2xx", "errors"],
            result.Metrics.Select(m => m.Name));
        Assert.Equal([0.0, 0.0], [result.Find("non2xx")!.Value, result.Find("errors")!.Value]);
        var check = Assert.Single(result.Checks);
        Assert.Equal("every response 200 with the same body length", check.Name);
        Assert.True(check.Passed, check.Detail);
    }

    [Fact]
    public async Task Send_delivers_every_message_once_and_writes_the_contracted_names()
    {
        await using var server = await ParleyServer.StartAsync();

        var (exit, result, output) = await RunAsync(server, "send", "--keep-alive", "true", "--concurrency", "4");

        Assert.True(exit == 0, output);
        Assert.Equal(("send", "parley", "seed", 2), (result.Mode, result.Server, result.Protocol, result.Round));
        Assert.Equal(
            new Dictionary<string, string> { ["concurrency"] = "4", ["requests"] = "200", ["keepAlive"] = "true" },
            result.Parameters);
        Assert.Equal(["sendsPerSec", "cpuUsPerSend", "p50Ms", "p99Ms", "delivered"], result.Metrics.Select(m => m.Name));
        Assert.Equal(Requests, result.Find("delivered"));
        var check = Assert.Single(result.Checks);
        Assert.Equal("the listener received every message exactly once", check.Name);
        Assert.True(check.Passed, check.Detail);
    }

    [Fact]
    public async Task Send_with_each_message_on_its_own_connection_delivers_every_message_once()
    {
        await using var server = await ParleyServer.StartAsync();

        var (exit, result, output) = await RunAsync(server, "send", "--keep-alive", "false", "--concurrency", "4");

        Assert.True(exit == 0, output);
        Assert.Equal(Requests, result.Find("delivered"));
    }

    [Fact]
    public async Task Static_with_protocol_nchan_is_a_usage_error()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await BenchCommand.RunAsync(["static", "--protocol", "nchan", "--url", "http://127.0.0.1:9"], output, errors);

        Assert.Equal(2, exit);
        Assert.Equal("parley-bench: static sends GET --path to any web server and has no nchan form: leave out --protocol\n", errors.ToString());
    }

    [Fact]
    public async Task Send_to_a_server_that_is_not_listening_is_a_usage_error_that_names_the_address()
    {
        var nobody = ParleyServer.FreeLoopbackUrl();
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await BenchCommand.RunAsync(["send", "--url", nobody.ToString(), "--requests", "1"], output, errors);

        Assert.Equal(2, exit);
        Assert.Equal($"parley-bench: cannot open the listener GET /john at {nobody}: Connection refused\n", errors.ToString());
    }

    public void Dispose() => _results.Delete(recursive: true);

    private async Task<(int Exit, ModeResult Result, string Output)> RunAsync(ParleyServer server, string mode, params string[] options)
    {
        var json = Path.Combine(_results.FullName, $"{mode}.json");
        string[] args =
        [
            mode,
            "--url", server.BaseAddress.ToString(),
            "--requests", Requests.ToString(CultureInfo.InvariantCulture),
            "--server-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--server-name", "parley",
            "--round", "2",
            "--duration-limit", "60",
            "--json", json,
            .. options,
        ];
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await BenchCommand.RunAsync(args, output, errors).WaitAsync(Timeouts.UnderLoad, TestContext.Current.CancellationToken);

        var said = $"{output}{errors}";
        Assert.True(File.Exists(json), said);
        return (exit, ResultOutput.ReadJson(json), said);
    }
}
