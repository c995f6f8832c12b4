using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

/// <summary>The shipped executable in its own process, for what only a process shows: signals and exit codes.</summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServerProcess(Process process) => _process = process;

    public Uri? BaseAddress { get; private set; }

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Starts the server with <paramref name="args"/>; in memory unless they name a store or a data folder.</summary>
    public static Task<ServerProcess> StartAsync(params string[] args) => StartInAsync(AppContext.BaseDirectory, args);

    /// <summary>Starts the server in <paramref name="workingDirectory"/>, where its default data folder is.</summary>
    public static async Task<ServerProcess> StartInAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Parley.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (workingDirectory == AppContext.BaseDirectory && !args.Any(arg => arg is "--store" or "--data-dir"))
        {
            start.ArgumentList.Add("--store");
            start.ArgumentList.Add("memory");
        }

        // As in ParleyServer: the tests' clients all come from 127.0.0.1 and send faster than the shipped limits allow.
        if (!args.Any(arg => arg.StartsWith("--Parley:Limits:", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var (key, value) in ParleyServer.RaisedLimits)
            {
                start.ArgumentList.Add($"--{key}={value}");
            }
        }

        return await LaunchAsync(start);
    }

    /// <summary>Starts <paramref name="start"/> as it is (another executable, its own environment) and waits until it listens or exits.</summary>
    public static async Task<ServerProcess> LaunchAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var server = new ServerProcess(Process.Start(start)!);
        server._process.OutputDataReceived += (_, line) => server.Collect(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Collect(line.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await Timeouts.WaitUntilAsync(() => server.BaseAddress is not null || server._process.HasExited, "the server says where it listens", Timeouts.UnderLoad);
        return server;
    }

    public int Id => _process.Id;

    public void Terminate() => Terminate(_process.Id);

    /// <summary>SIGTERM to <paramref name="pid"/>, as <c>systemctl stop</c> and <c>docker stop</c> send it.</summary>
    public static void Terminate(int pid) => Assert.Equal(0, Kill(pid, Sigterm));

    /// <summary>Kills the process as <c>kill -9</c> does: no shutdown, no flush, nothing it can run.</summary>
    public async Task CrashAsync()
    {
        Assert.Equal(0, Kill(_process.Id, Sigkill));
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (ListeningOn().Match(line) is { Success: true } listening)
        {
            BaseAddress = new Uri(listening.Groups[1].Value);
        }
    }

    private const int Sigterm = 15;
    private const int Sigkill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")] // a JSON line closes the address with a quote
    private static partial Regex ListeningOn();
}
