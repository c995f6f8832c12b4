using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A real redis-server on a free loopback port with a throwaway folder, for the store and multi-node tests. Every
/// write is synced to its append-only file before Redis answers (appendfsync always), so a kill loses nothing
/// answered and <see cref="StartAgainAsync"/> brings the data back.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string DebianPath = "/usr/bin/redis-server";

    private readonly DirectoryInfo _folder;
    private readonly List<string> _output = [];
    private Process? _process;

    private RedisServer(int port, DirectoryInfo folder)
    {
        Port = port;
        _folder = folder;
    }

    /// <summary>redis-server from the Debian package, or the first on PATH; null when there is none.</summary>
    public static string? Executable { get; } = DebianProgram.Find("redis-server", DebianPath);

    public int Port { get; }

    /// <summary>What a client connects to: <c>127.0.0.1:PORT</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Starts a new, empty server; skips the test when redis-server is not installed (fails it under CI).</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var executable = RequireExecutable();
        var folder = Directory.CreateTempSubdirectory("parley-redis-");
        var server = new RedisServer(FreePort(), folder);
        try
        {
            await server.StartProcessAsync(executable);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Skips the calling test, or fails it when CI=true, unless redis-server is installed.</summary>
    public static string RequireExecutable() => Executable ?? DebianProgram.Missing("redis-server is not installed (Debian package redis-server)");

    /// <summary>SIGKILL, as a crash or a power cut would end it; returns once it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeouts.Shutdown);
        }
    }

    /// <summary>SHUTDOWN, as an operator would stop it; returns once it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            try
            {
                await SendAsync("SHUTDOWN\r\n");
            }
            catch (IOException)
            {
                // It closes the connection as it exits; the wait below is what counts.
            }
            catch (SocketException)
            {
            }

            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeouts.Shutdown);
        }
    }

    /// <summary>Starts it again on the same port and folder: it loads what its append-only file holds.</summary>
    public Task StartAgainAsync() => StartProcessAsync(RequireExecutable());

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync().WaitAsync(Timeouts.Shutdown);
            }

            process.Dispose();
        }

        _folder.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task StartProcessAsync(string executable)
    {
        _process?.Dispose();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
                     "--appendfsync", "always", "--dir", _folder.FullName, "--daemonize", "no"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = _process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // PING answers -LOADING while the append-only file is read back: only +PONG means ready.
        var deadline = DateTime.UtcNow + Timeouts.Default;
        while (!await AnswersPingAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"redis-server on port {Port} did not answer PING (exited: {process.HasExited}):\n{string.Join('\n', Output())}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            return (await SendAsync("PING\r\n")).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception failure) when (failure is SocketException or IOException)
        {
            return false;
        }
    }

    private async Task<string> SendAsync(string command)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command), timeout.Token);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, timeout.Token);

        // That read completed on a thread that completes socket work (this process completes sockets inline, as the
        // server does); leave it before the caller goes on: a test that then calls Redis synchronously there would wait
        // on the very thread that has to deliver the reply.
        await Task.Yield();
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private string[] Output()
    {
        lock (_output)
        {
            return [.. _output];
        }
    }
}
