using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Api;

/// <summary><c>GET /api/users/online</c>: who is online, in the order they came, with their number of streams.</summary>
public sealed class OnlineUsersTests
{
    [Fact]
    public async Task Nobody_online_is_an_empty_list()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/users/online", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("[]", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Streams_count_under_the_spelling_of_the_first_in_the_order_nicks_came()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var paul = await SeedClient.LoginAsync(client, "Paul");
        await using var mary = await ApiClient.LoginAsync(client, "mary");
        await using var paulAgain = await SeedClient.LoginAsync(client, "paul");
        await using var maryAgain = await ApiClient.LoginAsync(client, "mary");
        await using var paulThird = await SeedClient.LoginAsync(client, "PAUL");

        Assert.Equal("""[{"nick":"Paul","streams":3},{"nick":"mary","streams":2}]""", await OnlineUsers.GetAsync(client));
    }

    [Fact]
    public async Task A_nick_whose_last_stream_closed_is_no_longer_listed()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");
        var john = await SeedClient.LoginAsync(client, "john");
        Assert.Equal("""[{"nick":"mary","streams":1},{"nick":"john","streams":1}]""", await OnlineUsers.GetAsync(client));

        await john.DisposeAsync();

        await OnlineUsers.WaitForAsync(client, """[{"nick":"mary","streams":1}]""");
    }
}
