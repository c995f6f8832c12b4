namespace Parley.Tests.Deploy;

/// <summary>
/// deploy/container/Containerfile read as committed. No image is built here: no container engine runs on these machines
/// and the base images cannot be pulled (ContainerImageTests runs the published build as the image would).
/// </summary>
public sealed class ContainerfileTests
{
    private static readonly Containerfile File = Containerfile.Committed;

    private static IReadOnlyList<(string Instruction, string Arguments)> Runtime => File.FinalStage;

    [Fact]
    public void It_builds_with_the_dotnet_10_sdk_and_runs_on_the_aspnet_core_10_runtime_image()
    {
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0"], File.All("FROM"));
    }

    [Fact]
    public void The_entrypoint_runs_the_release_build_published_into_the_working_directory()
    {
        Assert.Contains("dotnet publish src/Parley/Parley.csproj -c Release -o /app --no-restore -p:UseAppHost=false", File.All("RUN"));
        Assert.Equal("/app", Assert.Single(Containerfile.All(Runtime, "WORKDIR")));
        Assert.Equal("--from=build /app ./", Assert.Single(Containerfile.All(Runtime, "COPY")));
        Assert.Equal("""["dotnet", "Parley.dll"]""", Assert.Single(File.All("ENTRYPOINT")));
    }

    [Fact]
    public void The_server_runs_as_the_images_non_root_user()
    {
        // APP_UID is 1654, the "app" user of Microsoft's .NET 8 and later images. Whatever runs after USER runs as it.
        Assert.Equal("$APP_UID", Assert.Single(File.All("USER")));
        Assert.Equal(("USER", "$APP_UID"), Runtime.Last(entry => entry.Instruction is "USER" or "RUN"));
    }

    [Fact]
    public void The_data_folder_is_a_volume_the_server_user_owns_and_keeps_its_data_in()
    {
        Assert.Equal("/data", Assert.Single(Containerfile.All(Runtime, "VOLUME")));
        Assert.Equal("/data", Containerfile.Environment(Runtime)["Parley__Store__DataDir"]);
        Assert.Contains("""mkdir /data && chown "$APP_UID" /data && chmod 700 /data""", Containerfile.All(Runtime, "RUN"));
    }

    [Fact]
    public void It_listens_on_every_address_at_the_exposed_port_and_nowhere_else()
    {
        var environment = Containerfile.Environment(Runtime);

        Assert.Equal("8000", Assert.Single(Containerfile.All(Runtime, "EXPOSE")));
        Assert.Equal("http://0.0.0.0:8000", environment["ASPNETCORE_URLS"]);
        Assert.Equal("", environment["ASPNETCORE_HTTP_PORTS"]); // the image's 8080, emptied
    }

    [Fact]
    public void Every_file_the_build_copies_is_in_the_repository_and_the_build_context()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && line[0] != '#').ToList();
        var sources = File.All("COPY").Where(arguments => !arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(arguments => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)).ToList();

        Assert.Equal(["global.json", "Directory.Build.props", "Directory.Packages.props", "src/Parley/Parley.csproj", "src/Parley/"], sources);
        Assert.All(sources, source => Assert.True(Path.Exists(Repository.PathOf(source)), $"{source} is not in the repository"));
        Assert.All(sources, source => Assert.DoesNotContain(ignored, pattern => source.StartsWith(pattern.TrimStart('*', '/'), StringComparison.Ordinal)));

        // A host's obj/project.assets.json copied over the image's own restore would point the build at the host's paths.
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
    }
}
