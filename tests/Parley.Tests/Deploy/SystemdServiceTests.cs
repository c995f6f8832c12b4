using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Parley.Tests.Hosting;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Deploy;

/// <summary>
/// deploy/systemd/parley.service with the published build: linted by systemd-analyze, and started as the unit starts
/// it. There is no systemd running here (a container's PID 1 is no service manager, so systemd-run and systemctl
/// cannot start a unit): the tests start the executable with the unit's ExecStart, Environment= and WorkingDirectory=
/// themselves, with a free loopback port, a temporary data folder and the published folder in place of /opt/parley.
/// </summary>
[Trait("Category", "Slow")]
[Collection(SharedPublishedBuild.Name)]
public sealed class SystemdServiceTests(PublishedBuild build) : IDisposable
{
    private static readonly SystemdUnit Unit = SystemdUnit.Committed;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("parley-unit-");

    [Fact]
    public async Task Systemd_analyze_verifies_the_unit_without_a_warning()
    {
        // verify checks that ExecStart's executable exists: the unit is verified where it points at the published build.
        var analyze = DebianProgram.Require("systemd-analyze", "systemd", "/usr/bin/systemd-analyze");
        var unitFile = Path.Combine(_work.FullName, "parley.service");
        await File.WriteAllTextAsync(unitFile, Unit.Text.Replace(SystemdUnit.InstallFolder, build.Folder, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var (exitCode, output) = await RunAsync(analyze, "verify", unitFile);

        // An unknown key or a bad value is only a warning: exit 0, with a line on stderr. Neither may appear.
        Assert.Equal((0, ""), (exitCode, output));
    }

    [Fact]
    public async Task Systemd_analyze_rates_the_units_hardening_below_medium_exposure()
    {
        var analyze = DebianProgram.Require("systemd-analyze", "systemd", "/usr/bin/systemd-analyze");
        var unitFile = Path.Combine(_work.FullName, "parley.service");
        await File.WriteAllTextAsync(unitFile, Unit.Text.Replace(SystemdUnit.InstallFolder, build.Folder, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        // systemd-analyze security rates exposure from 0 (fully locked down) to 10 (no sandboxing) and takes the threshold
        // in tenths: 40 fails above 4.0. The unit rates 3.0 on systemd 252 (Debian 12).
        var (exitCode, output) = await RunAsync(analyze, "security", "--offline=yes", "--threshold=40", unitFile);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task The_published_build_serves_a_chat_with_the_units_settings_and_stops_on_sigterm_in_time()
    {
        var url = ParleyServer.FreeLoopbackUrl();
        using var server = await ServerProcess.LaunchAsync(StartAsTheUnitDoes(url));
        Assert.True(server.BaseAddress is not null, $"The server did not start:\n{string.Join('\n', server.Output)}");

        await SeedChat.AssertServesAsync(url);
        Assert.True(File.Exists(Path.Combine(_work.FullName, "data", "parley.db")), "The messages are not kept in the unit's data folder");

        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(Unit.TimeSpanOf("TimeoutStopSec")));
    }

    [Fact]
    public async Task As_a_notify_service_it_reports_ready_once_it_listens_and_stopping_on_sigterm()
    {
        // Type=notify: systemd passes NOTIFY_SOCKET and waits for READY=1. .NET 10 knows it runs under systemd by its
        // parent being systemd, or by being PID 1 with NOTIFY_SOCKET set (a container under systemd): unshare gives the
        // server a PID namespace of its own, where it is PID 1, and this test holds the socket systemd would.
        var unshare = DebianProgram.Require("unshare", "util-linux", "/usr/bin/unshare");
        var socketPath = Path.Combine(_work.FullName, "notify");
        using var notifications = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notifications.Bind(new UnixDomainSocketEndPoint(socketPath));
        var url = ParleyServer.FreeLoopbackUrl();
        var start = StartAsTheUnitDoes(url);
        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.ArgumentList.Insert(0, start.FileName);
        foreach (var option in (string[])["--pid", "--fork", "--kill-child"])
        {
            start.ArgumentList.Insert(0, option);
        }

        start.FileName = unshare;
        using var server = await ServerProcess.LaunchAsync(start);
        if (server.BaseAddress is null && server.Output.Any(line => line.StartsWith("unshare:", StringComparison.Ordinal)))
        {
            DebianProgram.Missing($"unshare cannot make a PID namespace here: {string.Join(' ', server.Output)}");
        }

        Assert.Equal("READY=1", await ReceiveAsync(notifications));
        using (var client = new HttpClient { BaseAddress = url })
        {
            // Ready means answering: systemd starts what is ordered after Parley as soon as READY=1 arrives.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health", TestContext.Current.CancellationToken)).StatusCode);
        }

        ServerProcess.Terminate(ParleyPidInside(server.Id));

        Assert.Equal("STOPPING=1", await ReceiveAsync(notifications));
        Assert.Equal(0, await server.WaitForExitAsync(Unit.TimeSpanOf("TimeoutStopSec")));
    }

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>
    /// The unit's ExecStart, Environment= and WorkingDirectory= with the machine-specific parts moved: /opt/parley to
    /// the published build, /var/lib/parley to a temporary folder, every listen address to <paramref name="url"/>.
    /// The environment is only the unit's and the PATH systemd gives, as a service gets it.
    /// </summary>
    private ProcessStartInfo StartAsTheUnitDoes(Uri url)
    {
        var data = Directory.CreateDirectory(Path.Combine(_work.FullName, "data")).FullName;
        string Moved(string value) => value.Replace(SystemdUnit.InstallFolder, build.Folder, StringComparison.Ordinal).Replace(SystemdUnit.DataFolder, data, StringComparison.Ordinal);

        var command = Unit.ExecStart.Select(Moved).ToList();
        var start = new ProcessStartInfo(command[0]) { WorkingDirectory = Moved(Unit.Single("WorkingDirectory")), UseShellExecute = false };
        command.Skip(1).ToList().ForEach(start.ArgumentList.Add);
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin";
        start.Environment["STATE_DIRECTORY"] = data;
        foreach (var (name, value) in Unit.Environment)
        {
            start.Environment[name] = name == "ASPNETCORE_URLS" ? url.GetLeftPart(UriPartial.Authority) : Moved(value);
        }

        Assert.True(Unit.Environment.ContainsKey("ASPNETCORE_URLS"), "The unit names no listen address");
        return start;
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeouts.UnderLoad);
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        await Task.Yield();
        return Encoding.UTF8.GetString(buffer, 0, read).Trim();
    }

    /// <summary>The server's PID as this namespace sees it: the one child of unshare.</summary>
    private static int ParleyPidInside(int unsharePid) =>
        int.Parse(Assert.Single(File.ReadAllText($"/proc/{unsharePid}/task/{unsharePid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries)), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeouts.UnderLoad);
        return (process.ExitCode, (await errors).Trim() + (process.ExitCode == 0 ? "" : (await output).Trim()));
    }
}
