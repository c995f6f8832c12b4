using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Deploy;

/// <summary>deploy/systemd/parley.service read as it is committed: what systemd would do with it, checked here.</summary>
public sealed class SystemdUnitTests
{
    private static readonly SystemdUnit Unit = SystemdUnit.Committed;

    [Fact]
    public async Task Systemd_waits_longer_than_the_apps_shutdown_timeout_before_it_kills()
    {
        // The drain on SIGTERM must finish within HostOptions.ShutdownTimeout; a SIGKILL before that would cut it short.
        await using var app = ParleyApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Parley:Store:Kind"] = "memory" }));
        var shutdownTimeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.Equal("SIGTERM", Unit.Single("KillSignal"));
        Assert.True(Unit.TimeSpanOf("TimeoutStopSec") > shutdownTimeout, $"TimeoutStopSec {Unit.TimeSpanOf("TimeoutStopSec")} is not above the shutdown timeout {shutdownTimeout}");
    }

    [Fact]
    public void The_open_file_limit_is_high_and_one_the_kernel_allows()
    {
        var limit = long.Parse(Unit.Single("LimitNOFILE"), System.Globalization.CultureInfo.InvariantCulture);

        // systemd refuses to start a service whose limit is above fs.nr_open.
        var kernelCeiling = long.Parse(File.ReadAllText("/proc/sys/fs/nr_open").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(limit, 65_536, kernelCeiling);
    }

    [Fact]
    public void The_data_folder_is_the_state_directory_the_service_owns()
    {
        Assert.Equal("yes", Unit.Single("DynamicUser"));
        Assert.Equal("parley", Unit.Single("StateDirectory"));
        Assert.Equal(SystemdUnit.DataFolder, Unit.Environment["Parley__Store__DataDir"]);
    }

    [Fact]
    public void A_crash_restarts_the_service()
    {
        Assert.Equal("on-failure", Unit.Single("Restart"));
        Assert.True(Unit.TimeSpanOf("RestartSec") >= TimeSpan.FromSeconds(1));
    }
}
