using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Storage;

namespace Parley.Tests.Health;

public sealed class ProbeTests
{
    /// <summary>
    /// <c>Parley:Health:Timeout</c> for the tests that hold the store: far beyond a store round trip on a loaded
    /// machine, so only the held store is unready, and short enough that the held window costs one second.
    /// </summary>
    private const string GenerousTimeout = "00:00:01";

    [Fact]
    public async Task Healthz_answers_200_healthy_as_plain_text()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await Probe.GetAsync(server, "/healthz");

        Assert.Equal((200, "text/plain", "Healthy"), (response.Status, response.Header("Content-Type"), response.Text));
        Assert.Equal("no-store, no-cache", response.Header("Cache-Control"));
    }

    [Fact]
    public async Task Readyz_answers_200_with_the_store_and_streams_checks_on_the_memory_store()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await Probe.GetAsync(server, "/readyz");

        Assert.Equal((200, "application/json; charset=utf-8"), (response.Status, response.Header("Content-Type")));
        Assert.Equal("""{"status":"Healthy","checks":{"store":{"status":"Healthy"},"streams":{"status":"Healthy"}}}""", response.Text);
    }

    [Fact]
    public async Task Readyz_answers_200_on_the_sqlite_store()
    {
        using var folder = new TempDataFolder();
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Store:DataDir"] = folder.DataFolder });

        var response = await Probe.GetAsync(server, "/readyz");

        Assert.Equal(200, response.Status);
        Assert.Equal(["store=Healthy", "streams=Healthy"], Probe.Checks(response));
    }

    [Fact]
    public async Task Readyz_answers_503_naming_the_store_while_the_store_thread_is_stuck_and_200_once_it_answers_again()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Health:Timeout"] = GenerousTimeout });
        using var stuck = new ManualResetEventSlim();
        var holding = server.Services.GetRequiredService<StoreThread>().RunAsync(_ => stuck.Wait(Timeouts.Default)); // a disk that hangs

        var whileStuck = await Probe.GetAsync(server, "/readyz");
        stuck.Set();
        await holding.WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);
        var after = await Probe.UntilReadinessIsAsync(server, HttpStatusCode.OK);

        Assert.Equal(503, whileStuck.Status);
        Assert.Equal(["store=Unhealthy", "streams=Healthy"], Probe.Checks(whileStuck));
        Assert.Contains("\"description\":\"the store did not answer within 1000 ms\"", whileStuck.Text, StringComparison.Ordinal);
        Assert.Equal(["store=Healthy", "streams=Healthy"], Probe.Checks(after));
    }

    [Fact]
    public async Task Readyz_names_a_check_that_throws_by_a_fixed_reason_never_by_the_exception_text_which_goes_to_the_log()
    {
        await using var server = await ParleyServer.StartAsync();
        server.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Add(
            new HealthCheckRegistration("disk", _ => new ThrowingCheck(), HealthStatus.Unhealthy, ["ready"])); // as a store error would

        var response = await Probe.GetAsync(server, "/readyz");

        Assert.Equal(503, response.Status);
        Assert.Equal(
            """{"status":"Unhealthy","checks":{"store":{"status":"Healthy"},"streams":{"status":"Healthy"},"disk":{"status":"Unhealthy","description":"the check failed"}}}""",
            response.Text);
        Assert.True(Assert.Single(server.LogEntriesOf(90)).HadException);
    }

    [Fact]
    public async Task Readyz_answers_503_once_the_store_takes_no_more_work_while_healthz_still_answers_200()
    {
        await using var server = await ParleyServer.StartAsync();
        await server.Services.GetRequiredService<StoreThread>().StopAsync(CancellationToken.None); // as StoreUnavailableTests

        var ready = await Probe.GetAsync(server, "/readyz");
        var live = await Probe.GetAsync(server, "/healthz");
        var api = await Probe.GetAsync(server, "/api/health");

        Assert.Equal(503, ready.Status);
        Assert.Equal(["store=Unhealthy", "streams=Healthy"], Probe.Checks(ready));
        Assert.Equal((200, "Healthy"), (live.Status, live.Text));
        Assert.Equal((200, "Healthy"), (api.Status, api.Text));
    }

    [Fact]
    public async Task Readyz_answers_503_naming_streams_once_the_server_is_stopping()
    {
        await using var server = await ParleyServer.StartAsync();

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication(); // what SIGTERM does first
        var response = await Probe.GetAsync(server, "/readyz");

        Assert.Equal(503, response.Status);
        Assert.Equal(["store=Healthy", "streams=Unhealthy"], Probe.Checks(response));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task A_probe_is_answered_whatever_its_host_header_while_other_routes_keep_refusing_a_foreign_host(string path)
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "chat.example" });

        var loopback = await Probe.GetAsync(server, path, "127.0.0.1");
        var podAddress = await Probe.GetAsync(server, path, "10.1.2.3:8000");
        var api = await Probe.GetAsync(server, "/api/health", "127.0.0.1");

        Assert.Equal((200, 200, 400), (loopback.Status, podAddress.Status, api.Status));
        Assert.Equal("nosniff", loopback.Header("X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("healthz", "text/plain")]
    [InlineData("readyz", "application/json; charset=utf-8")]
    public async Task A_seed_stream_for_a_nick_named_as_a_probe_opens_while_the_probe_still_answers(string nick, string probeType)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        await using var stream = await SseReader.OpenAsync(client, $"/{nick}"); // Accept: text/event-stream, as EventSource
        var probe = await Probe.GetAsync(server, $"/{nick}");

        Assert.Equal($"Welcome {nick}!", await stream.NextDataAsync());
        Assert.Equal((200, probeType), (probe.Status, probe.Header("Content-Type")));
    }

    [Fact]
    public async Task Probes_are_not_counted_by_the_shipped_send_and_stream_limits()
    {
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);

        var probes = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            probes.Add((await Probe.GetAsync(server, i % 2 == 0 ? "/healthz" : "/readyz")).Status);
        }

        var sends = new List<int>();
        for (var i = 0; i < 10; i++) // the whole shipped burst (Parley:Limits:SendBurst) is still there
        {
            sends.Add((await RawHttp.GetAsync(server.BaseAddress, $"/msg/mary/all%20hello{i}")).Status);
        }

        using var client = server.CreateClient();
        await using var stream = await SseReader.OpenAsync(client, "/john");

        Assert.All(probes, status => Assert.Equal(200, status));
        Assert.All(sends, status => Assert.Equal(204, status));
        Assert.Equal("Welcome john!", await stream.NextDataAsync());
    }

    [Fact]
    public async Task Probes_write_no_log_entry_and_a_change_of_readiness_is_logged_once_each_way()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Health:Timeout"] = GenerousTimeout });
        var before = server.LogEntries.Count;
        for (var i = 0; i < 50; i++)
        {
            await Probe.GetAsync(server, i % 2 == 0 ? "/healthz" : "/readyz");
        }

        var afterHealthy = server.LogEntries.Count;
        using var stuck = new ManualResetEventSlim();
        var holding = server.Services.GetRequiredService<StoreThread>().RunAsync(_ => stuck.Wait(Timeouts.Default));
        var whileStuck = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Probe.GetAsync(server, "/readyz"))); // together: one timeout's wait
        stuck.Set();
        await holding.WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);
        await Probe.UntilReadinessIsAsync(server, HttpStatusCode.OK);
        var after = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            after.Add((await Probe.GetAsync(server, "/readyz")).Status);
        }

        Assert.All(whileStuck, response => Assert.Equal(503, response.Status));
        Assert.All(after, status => Assert.Equal(200, status));

        Assert.Equal(before, afterHealthy);
        Assert.Equal([90, 91], server.LogEntries.Skip(before).Select(entry => entry.EventId.Id));
        Assert.Equal("Parley.Health.ReadinessReport", server.LogEntries.Skip(before).Select(entry => entry.Category).Distinct().Single());
    }

    private sealed class ThrowingCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromException<HealthCheckResult>(new IOException("disk I/O error at /var/lib/parley/parley.db"));
    }
}
