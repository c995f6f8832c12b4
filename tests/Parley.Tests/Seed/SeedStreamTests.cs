using Parley.Tests.Infrastructure;

namespace Parley.Tests.Seed;

/// <summary>What a seed stream opens with: <c>GET /{nick}</c>, the welcome and who is online.</summary>
public sealed class SeedStreamTests
{
    [Fact]
    public async Task A_new_stream_opens_with_the_retry_hint_then_welcome_and_who_is_online()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SseReader.OpenAsync(client, "/john");

        Assert.Equal("text/event-stream", john.Response.Content.Headers.ContentType?.ToString());
        Assert.Equal(": parley\nretry: 3000", await john.NextBlockAsync());
        Assert.Equal("data: Welcome john!", await john.NextBlockAsync());
        Assert.Equal("data: now online: ", await john.NextBlockAsync());
    }

    [Fact]
    public async Task The_online_list_names_everyone_already_online_in_the_order_they_came()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        await using var paul = await SeedClient.LoginAsync(client, "paul");

        await using var john = await SseReader.OpenAsync(client, "/john");

        Assert.Equal("data: Welcome john!", await john.NextEventAsync());
        Assert.Equal("data: now online: mary, paul", await john.NextEventAsync());
    }

    [Fact]
    public async Task The_online_list_spells_a_nick_as_its_first_stream_did()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var first = await SeedClient.LoginAsync(client, "Mary");
        await using var second = await SeedClient.LoginAsync(client, "MARY");

        await using var john = await SseReader.OpenAsync(client, "/john");

        Assert.Equal(["Welcome john!", "now online: Mary"], await john.NextDataAsync(2));
    }

    [Fact]
    public async Task The_welcome_spells_the_nick_as_this_stream_asked_for_it()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var first = await SeedClient.LoginAsync(client, "mary");

        await using var second = await SseReader.OpenAsync(client, "/MARY");

        Assert.Equal(["Welcome MARY!", "now online: mary"], await second.NextDataAsync(2));
    }
}
