using Parley.Bench.Cli;

namespace Parley.Tests.Bench;

public sealed class CommonSettingsTests
{
    [Fact]
    public void Several_urls_are_one_option_separated_by_commas()
    {
        var settings = CommonSettings.From(BenchArgs.Parse(["--url", "http://127.0.0.1:9001, http://127.0.0.1:9002"]));

        Assert.Equal(["http://127.0.0.1:9001/", "http://127.0.0.1:9002/"], settings.Urls.Select(u => u.ToString()));
        Assert.Equal(settings.Urls[0], settings.Url);
    }

    [Fact]
    public void A_url_that_is_not_http_is_a_usage_error_that_names_it()
    {
        var error = Assert.Throws<BenchUsageException>(() =>
            CommonSettings.From(BenchArgs.Parse(["--url", "http://127.0.0.1:9001,https://127.0.0.1:9002"])));

        Assert.Equal("--url must be absolute http:// addresses, separated by commas, got 'https://127.0.0.1:9002'", error.Message);
    }

    [Fact]
    public void Several_server_pids_are_all_kept_and_none_means_no_cpu_figures()
    {
        Assert.Equal([101, 102, 7], CommonSettings.From(BenchArgs.Parse(["--server-pid", "101,102,7"])).ServerPids);
        Assert.Empty(CommonSettings.From(BenchArgs.Parse([])).ServerPids);
    }

    [Theory]
    [InlineData("static")]
    [InlineData("send")]
    [InlineData("idle")]
    public async Task Modes_that_load_one_server_refuse_several_urls(string mode)
    {
        var errors = new StringWriter();

        var exit = await BenchCommand.RunAsync([mode, "--url", "http://127.0.0.1:9,http://127.0.0.1:10"], TextWriter.Null, errors);

        Assert.Equal(2, exit);
        Assert.Equal($"parley-bench: {mode} loads one server: give --url one address", errors.ToString().Trim());
    }

    [Theory]
    [InlineData("static")]
    [InlineData("send")]
    [InlineData("fanout")]
    public async Task Only_idle_speaks_parleys_json_protocol(string mode)
    {
        var errors = new StringWriter();

        var exit = await BenchCommand.RunAsync([mode, "--protocol", "json"], TextWriter.Null, errors);

        Assert.Equal(2, exit);
        Assert.Equal($"parley-bench: {mode} has no json form: --protocol json is for idle", errors.ToString().Trim());
    }
}
