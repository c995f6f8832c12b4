using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Deploy;

/// <summary>
/// Debian's nginx running deploy/nginx/parley.conf as committed, in front of a Parley on loopback: only the listen and
/// upstream ports are changed (each line must be found exactly once, so a reshaped file fails here rather than being
/// tested in part). nginx runs in the foreground with its own prefix, pid file and error log in a temporary folder, as
/// bench/run.sh starts its nginx peers, inside the <c>http</c> block Debian's nginx.conf would give it.
/// </summary>
internal sealed partial class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _prefix;

    private NginxProxy(Process process, DirectoryInfo prefix, Uri baseAddress)
    {
        _process = process;
        _prefix = prefix;
        BaseAddress = baseAddress;
    }

    public static string Committed => Repository.Read("deploy", "nginx", "parley.conf");

    /// <summary>Where clients reach Parley through the proxy: http://127.0.0.1:PORT.</summary>
    public Uri BaseAddress { get; }

    public static string Require() => DebianProgram.Require("nginx", "nginx", "/usr/sbin/nginx");

    public static async Task<NginxProxy> StartAsync(Uri parley)
    {
        var nginx = Require();
        var prefix = Directory.CreateTempSubdirectory("parley-nginx-");

        // Run as root, nginx's workers run as nobody: they must reach the temporary paths inside the prefix.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(prefix.FullName, (UnixFileMode)0b111_101_101);
        }

        var url = ParleyServer.FreeLoopbackUrl();
        await File.WriteAllTextAsync(Path.Combine(prefix.FullName, "parley.conf"), Render(Committed, url.Port, parley.Port));
        await File.WriteAllTextAsync(Path.Combine(prefix.FullName, "nginx.conf"), NginxConf(prefix.FullName));

        var start = new ProcessStartInfo(nginx) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-p", prefix.FullName, "-c", Path.Combine(prefix.FullName, "nginx.conf"), "-e", Path.Combine(prefix.FullName, "error.log")])
        {
            start.ArgumentList.Add(argument);
        }

        var proxy = new NginxProxy(Process.Start(start)!, prefix, url);
        try
        {
            await Timeouts.WaitUntilAsync(async () => proxy._process.HasExited || await AcceptsAsync(url), $"nginx listens on {url}");
            Assert.False(proxy._process.HasExited, $"nginx exited at start:\n{await File.ReadAllTextAsync(Path.Combine(prefix.FullName, "error.log"))}");
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>The committed site with nginx listening on 127.0.0.1:<paramref name="listenPort"/> and Parley at <paramref name="parleyPort"/>.</summary>
    public static string Render(string committed, int listenPort, int parleyPort)
    {
        var site = ReplaceOnce(committed, Upstream(), $"server 127.0.0.1:{parleyPort};");
        site = ReplaceOnce(site, ListenV4(), $"listen 127.0.0.1:{listenPort};");
        return ReplaceOnce(site, ListenV6(), "# listen [::]:80; left out: the test listens on 127.0.0.1 only");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: nginx's fast shutdown, which closes open streams at once; SIGKILL for the whole tree if that fails.
            Hosting.ServerProcess.Terminate(_process.Id);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(Timeouts.Shutdown);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(Timeouts.Shutdown);
            }
        }

        _process.Dispose();
        _prefix.Delete(recursive: true);
    }

    // What Debian's /etc/nginx/nginx.conf gives a site, and temporary paths inside the prefix instead of /var/lib/nginx.
    private static string NginxConf(string prefix) => $$"""
        daemon off;
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/error.log warn;
        events {
            worker_connections 256;
        }
        http {
            access_log off;
            sendfile on;
            tcp_nopush on;
            gzip on;
            client_body_temp_path {{prefix}}/client_body;
            proxy_temp_path {{prefix}}/proxy;
            fastcgi_temp_path {{prefix}}/fastcgi;
            uwsgi_temp_path {{prefix}}/uwsgi;
            scgi_temp_path {{prefix}}/scgi;
            include {{prefix}}/parley.conf;
        }
        """;

    private static string ReplaceOnce(string text, Regex line, string replacement)
    {
        Assert.Single(line.Matches(text));
        return line.Replace(text, replacement);
    }

    private static async Task<bool> AcceptsAsync(Uri url)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, url.Port, TestContext.Current.CancellationToken);
            await Task.Yield(); // off the socket thread the connect completed on
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"server 127\.0\.0\.1:8000;")]
    private static partial Regex Upstream();

    [GeneratedRegex(@"listen 80;")]
    private static partial Regex ListenV4();

    [GeneratedRegex(@"listen \[::\]:80;")]
    private static partial Regex ListenV6();
}
