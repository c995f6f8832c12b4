using Parley.Tests.Api;
using Parley.Tests.Hosting;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Durability;

/// <summary>The shipped executable as the README's first command runs it: no flags, messages in ./data.</summary>
[Trait("Category", "Slow")]
public sealed class DataFolderProcessTests
{
    [Fact]
    public async Task With_no_flags_messages_are_kept_in_data_under_the_working_directory_across_a_restart()
    {
        using var workingDirectory = new DataFolder();
        long sent;
        using (var first = await ServerProcess.StartInAsync(workingDirectory.Path, "--urls", "http://127.0.0.1:0"))
        {
            using var client = new HttpClient(new GuestSessions(new SocketsHttpHandler { UseCookies = false })) { BaseAddress = first.BaseAddress };
            sent = await ApiClient.SendAsync(client, "mary", "john", "kept in ./data");
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(Timeouts.Shutdown));
        }

        Assert.True(File.Exists(Path.Combine(workingDirectory.Path, "data", "parley.db")));
        using var second = await ServerProcess.StartInAsync(workingDirectory.Path, "--urls", "http://127.0.0.1:0");
        using var again = new HttpClient(new GuestSessions(new SocketsHttpHandler { UseCookies = false })) { BaseAddress = second.BaseAddress };
        await using var john = await SseReader.OpenAsync(again, "/api/events?nick=john");
        await john.NextEventAsync(); // welcome
        await john.NextEventAsync(); // online

        Assert.Equal(sent, ApiClient.IdOf(await john.NextEventAsync()));
    }

    [Fact]
    public async Task A_data_folder_holding_another_file_named_parley_db_stops_the_start_with_exit_code_1_and_leaves_the_file_alone()
    {
        using var data = new DataFolder();
        var file = Path.Combine(data.Path, "parley.db");
        await File.WriteAllTextAsync(file, "not a database", TestContext.Current.CancellationToken);

        using var server = await ServerProcess.StartAsync("--urls", "http://127.0.0.1:0", "--data-dir", data.Path);

        Assert.Equal(1, await server.WaitForExitAsync(Timeouts.UnderLoad));
        Assert.Null(server.BaseAddress);
        Assert.Equal("not a database", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }
}
