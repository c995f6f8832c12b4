using System.Diagnostics;
using System.Text.Json;
using Parley.Tests.Hosting;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Deploy;

/// <summary>
/// What the image runs, run here without a container (no engine, no base images on these machines): the published build
/// started by the Containerfile's ENTRYPOINT in its WORKDIR with its ENV, the port and /data moved to free ones, and the
/// HEALTHCHECK's command run as the engine would run it inside.
/// </summary>
[Trait("Category", "Slow")]
[Collection(SharedPublishedBuild.Name)]
public sealed class ContainerImageTests(PublishedBuild build) : IDisposable
{
    private static readonly Containerfile File = Containerfile.Committed;

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("parley-volume-");

    [Fact]
    public async Task The_entrypoint_serves_a_chat_with_the_images_environment_and_keeps_it_in_the_volume()
    {
        var url = ParleyServer.FreeLoopbackUrl();
        using var server = await ServerProcess.LaunchAsync(StartAsTheImageDoes(url));
        Assert.True(server.BaseAddress is not null, $"The server did not start:\n{string.Join('\n', server.Output)}");

        await SeedChat.AssertServesAsync(url);

        Assert.True(System.IO.File.Exists(Path.Combine(_data.FullName, "parley.db")), "The messages are not kept in the volume");
        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(Timeouts.Shutdown));
    }

    [Fact]
    public async Task The_health_check_passes_while_the_server_answers_and_fails_once_it_is_gone()
    {
        // AllowedHosts as the README runs the image, the public name only: the check's Host: localhost still passes,
        // as probes are answered ahead of host filtering.
        var url = ParleyServer.FreeLoopbackUrl();
        var start = StartAsTheImageDoes(url);
        start.Environment["AllowedHosts"] = "chat.example.org";
        using var server = await ServerProcess.LaunchAsync(start);
        Assert.True(server.BaseAddress is not null, $"The server did not start:\n{string.Join('\n', server.Output)}");

        Assert.Equal(0, await HealthCheckAsync(url.Port));

        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(Timeouts.Shutdown));
        Assert.NotEqual(0, await HealthCheckAsync(url.Port));
    }

    public void Dispose() => _data.Delete(recursive: true);

    /// <summary>ENTRYPOINT in WORKDIR (the published folder for /app) with the final stage's ENV and nothing else.</summary>
    private ProcessStartInfo StartAsTheImageDoes(Uri url)
    {
        var entrypoint = JsonSerializer.Deserialize<string[]>(Assert.Single(File.All("ENTRYPOINT")))!;
        var start = new ProcessStartInfo(entrypoint[0]) { WorkingDirectory = build.Folder, UseShellExecute = false };
        entrypoint.Skip(1).ToList().ForEach(start.ArgumentList.Add);
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH"); // where dotnet is; the image's PATH has it
        foreach (var (name, value) in Containerfile.Environment(File.FinalStage))
        {
            start.Environment[name] = value.Replace("http://0.0.0.0:8000", url.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                .Replace("/data", _data.FullName, StringComparison.Ordinal);
        }

        return start;
    }

    /// <summary>The HEALTHCHECK's CMD as committed, its port moved; its exit code (0 healthy, else unhealthy).</summary>
    private static async Task<int> HealthCheckAsync(int port)
    {
        var healthCheck = Assert.Single(File.All("HEALTHCHECK"));
        var command = JsonSerializer.Deserialize<string[]>(healthCheck[healthCheck.IndexOf("CMD [", StringComparison.Ordinal)..][4..])!;
        var script = command[^1];
        Assert.Contains("/dev/tcp/127.0.0.1/8000", script, StringComparison.Ordinal);

        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        command.Skip(1).SkipLast(1).ToList().ForEach(start.ArgumentList.Add);
        start.ArgumentList.Add(script.Replace("/dev/tcp/127.0.0.1/8000", $"/dev/tcp/127.0.0.1/{port}", StringComparison.Ordinal));
        using var check = Process.Start(start)!;
        await check.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        return check.ExitCode;
    }
}
