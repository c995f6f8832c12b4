using System.Diagnostics;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Deploy;

/// <summary>The tests that run what <c>dotnet publish</c> makes share one build, made once per test run.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPublishedBuild : ICollectionFixture<PublishedBuild>
{
    public const string Name = "Published build";
}

/// <summary>
/// <c>dotnet publish src/Parley -c Release</c> into a temporary folder, as deploy/systemd and deploy/container install
/// it. Its intermediate files go to that folder too (<c>--artifacts-path</c>), so the repository's bin and obj stay as
/// they were. Deleted when the last test that needs it is done.
/// </summary>
public sealed class PublishedBuild : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8); // a cold Release build on 2 busy cores

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("parley-publish-");

    /// <summary>The folder the build was published to: <c>/opt/parley</c> in the unit.</summary>
    public string Folder => Path.Combine(_work.FullName, "out");

    /// <summary>The executable the publish makes (the app host): <c>/opt/parley/Parley</c> in the unit.</summary>
    public string Executable => Path.Combine(Folder, "Parley");

    public async ValueTask InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in (string[])["publish", Repository.PathOf("src", "Parley", "Parley.csproj"), "-c", "Release", "-o", Folder,
                     "--artifacts-path", Path.Combine(_work.FullName, "artifacts"), "-nologo"])
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        try
        {
            await publish.WaitForExitAsync().WaitAsync(PublishTimeout);
        }
        catch (TimeoutException)
        {
            publish.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await output}\n{await errors}");
        Assert.True(File.Exists(Executable), $"dotnet publish made no {Executable}");
    }

    public ValueTask DisposeAsync()
    {
        _work.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
