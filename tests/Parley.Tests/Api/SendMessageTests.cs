using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Api;

/// <summary><c>POST /api/messages</c>: 201 with the message's id, its time and whether it was delivered or kept.</summary>
public sealed class SendMessageTests
{
    [Fact]
    public async Task A_message_to_an_online_nick_answers_201_delivered_online()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        await using var john = await ApiClient.LoginAsync(client, "john");

        await AssertCreatedAsync(client, "mary", "john", "online");
    }

    [Fact]
    public async Task A_message_to_an_offline_nick_answers_201_stored()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();

        await AssertCreatedAsync(client, "mary", "john", "stored");
    }

    [Fact]
    public async Task A_message_to_all_answers_201_delivered_online_even_with_nobody_listening()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();

        await AssertCreatedAsync(client, "mary", "all", "online");
    }

    [Fact]
    public async Task Each_accepted_message_gets_a_greater_id()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        var first = await ApiClient.SendAsync(client, "mary", "all", "one");
        var second = await ApiClient.SendAsync(client, "mary", "john", "two");
        var third = await ApiClient.SendAsync(client, "mary", "all", "three");

        Assert.True(first < second && second < third, $"ids {first}, {second}, {third}");
    }

    private static async Task AssertCreatedAsync(HttpClient client, string from, string to, string delivery)
    {
        using var response = await ApiClient.PostAsync(client, from, to, "hello");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(body);
        var id = json.RootElement.GetProperty("id").GetInt64();
        Assert.Equal($$"""{"id":{{id}},"sentAt":"{{TestClock.UtcJson}}","delivery":"{{delivery}}"}""", body);
        Assert.True(id > 0, $"id {id}");
    }
}
