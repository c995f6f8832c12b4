using Parley.Tests.Infrastructure;

namespace Parley.Tests.Seed;

/// <summary>Sends with <c>GET /msg/{from}/{to}%20{text}</c> and the texts each stream receives.</summary>
public sealed class SeedMessageTests
{
    [Fact]
    public async Task A_send_answers_204_with_no_body()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await RawHttp.GetAsync(server.BaseAddress, "/msg/mary/all%20hello");

        Assert.Equal(204, response.Status);
        Assert.Null(response.Header("Content-Type"));
        Assert.Null(response.Header("Content-Length"));
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task A_message_to_all_reaches_every_stream_including_the_senders()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        await using var john = await SeedClient.LoginAsync(client, "john");
        Assert.Equal("data: john has joined.", await mary.NextEventAsync());

        await SeedClient.SendAsync(server, "mary", "all%20hello");

        Assert.Equal("data: mary to all: hello", await mary.NextEventAsync());
        Assert.Equal("data: mary to all: hello", await john.NextEventAsync());
    }

    [Fact]
    public async Task A_direct_message_reaches_the_recipient_and_echoes_on_every_stream_of_the_sender()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "john");
        await using var paul = await SeedClient.LoginAsync(client, "paul");
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        await using var maryAgain = await SeedClient.LoginAsync(client, "mary");

        await SeedClient.SendAsync(server, "mary", "john%20hello");
        await SeedClient.SendAsync(server, "mary", "all%20after");

        Assert.Equal(["paul has joined.", "mary has joined.", "mary: hello", "mary to all: after"], await john.NextDataAsync(4));
        Assert.Equal(["mary has joined.", "mary to all: after"], await paul.NextDataAsync(2));
        Assert.Equal(["You to john: hello", "mary to all: after"], await mary.NextDataAsync(2));
        Assert.Equal(["You to john: hello", "mary to all: after"], await maryAgain.NextDataAsync(2));
    }

    [Fact]
    public async Task A_direct_message_reaches_every_stream_of_the_recipient()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "john");
        await using var johnAgain = await SeedClient.LoginAsync(client, "john");

        await SeedClient.SendAsync(server, "mary", "john%20hello");

        Assert.Equal("data: mary: hello", await john.NextEventAsync());
        Assert.Equal("data: mary: hello", await johnAgain.NextEventAsync());
    }

    [Fact]
    public async Task A_message_to_oneself_arrives_once_per_stream_as_the_senders_copy_only()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        await using var maryAgain = await SeedClient.LoginAsync(client, "mary");

        await SeedClient.SendAsync(server, "mary", "mary%20note");
        await SeedClient.SendAsync(server, "mary", "all%20after");

        Assert.Equal(["You to mary: note", "mary to all: after"], await mary.NextDataAsync(2));
        Assert.Equal(["You to mary: note", "mary to all: after"], await maryAgain.NextDataAsync(2));
    }

    [Fact]
    public async Task A_nick_in_another_letter_case_is_the_same_person()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "JOHN");

        await SeedClient.SendAsync(server, "mary", "john%20hello");

        Assert.Equal("data: mary: hello", await john.NextEventAsync());
    }

    [Theory]
    [InlineData("%0A")]
    [InlineData("%0D")]
    [InlineData("%0D%0A")]
    public async Task A_text_with_a_line_break_arrives_as_two_data_lines_of_one_event(string lineBreak)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "john");

        await SeedClient.SendAsync(server, "mary", $"john%20first{lineBreak}second");

        Assert.Equal("data: mary: first\ndata: second", await john.NextEventAsync());
    }
}
