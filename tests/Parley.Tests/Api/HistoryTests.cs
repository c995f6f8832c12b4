using System.Net;
using System.Text.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Api;

/// <summary>GET /api/history pages through a nick's conversations, newest first.</summary>
public sealed class HistoryTests
{
    [Fact]
    public async Task The_room_pages_newest_first_50_at_a_time_until_before_is_null()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        var ids = new List<long>();
        for (var i = 0; i < 120; i++)
        {
            ids.Add(await ApiClient.SendAsync(client, "mary", "all", $"m{i}"));
        }

        var (first, before) = await PageAsync(client, "nick=john&with=all");
        var (second, before2) = await PageAsync(client, $"nick=john&with=all&before={before}");
        var (third, end) = await PageAsync(client, $"nick=john&with=all&before={before2}");

        Assert.Equal(ids.AsEnumerable().Reverse(), [.. first, .. second, .. third]);
        Assert.Equal([50, 50, 20], [first.Count, second.Count, third.Count]);
        Assert.Null(end);
    }

    [Fact]
    public async Task A_direct_conversation_holds_both_directions_and_nothing_else()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        var toJohn = await ApiClient.SendAsync(client, "mary", "john", "hi john");
        await ApiClient.SendAsync(client, "mary", "all", "hi all");
        await ApiClient.SendAsync(client, "mary", "paul", "hi paul");
        var toMary = await ApiClient.SendAsync(client, "John", "MARY", "hi mary");

        var (page, _) = await PageAsync(client, "nick=john&with=mary");

        Assert.Equal([toMary, toJohn], page);
    }

    [Fact]
    public async Task Without_with_the_history_is_everything_the_nick_was_part_of()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        var toJohn = await ApiClient.SendAsync(client, "mary", "john", "hi john");
        var toAll = await ApiClient.SendAsync(client, "mary", "all", "hi all");
        await ApiClient.SendAsync(client, "mary", "paul", "hi paul");
        var fromJohn = await ApiClient.SendAsync(client, "john", "paul", "hi paul");

        var (page, _) = await PageAsync(client, "nick=john");

        Assert.Equal([fromJohn, toAll, toJohn], page);
    }

    [Fact]
    public async Task A_message_in_history_reads_as_it_did_on_the_stream()
    {
        await using var server = await ParleyServer.StartAsync(time: Seed.TestClock.Create());
        using var client = server.CreateClient();
        var id = await ApiClient.SendAsync(client, "mary", "john", "kept");

        var body = await client.GetStringAsync("/api/history?nick=john", TestContext.Current.CancellationToken);

        Assert.Equal($$"""{"messages":[{{ApiClient.MessageJson(id, "mary", "john", "kept", true, Seed.TestClock.UtcJson)}}],"before":null}""", body);
    }

    [Theory]
    [InlineData("nick=john&with=ma%20ry", "with")]
    [InlineData("nick=john&before=abc", "before")]
    [InlineData("nick=john&before=0", "before")]
    [InlineData("nick=john&limit=0", "limit")]
    [InlineData("nick=john&limit=201", "limit")]
    [InlineData("nick=john&limit=-1", "limit")]
    public async Task A_bad_query_is_refused_with_a_400_problem_naming_the_field(string query, string field)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync($"/api/history?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task History_without_a_session_is_refused_with_401()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/api/history?with=all", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task History_of_another_nick_is_refused_with_403()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await ServerSends.SendAsync(server, "mary", "john", "for john only");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/history?nick=john");
        request.Headers.Add("Cookie", await server.GuestCookieAsync("mary"));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("for john only", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static async Task<(List<long> Ids, long? Before)> PageAsync(HttpClient client, string query)
    {
        using var page = JsonDocument.Parse(await client.GetStringAsync($"/api/history?{query}", TestContext.Current.CancellationToken));
        var ids = page.RootElement.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("id").GetInt64()).ToList();
        var before = page.RootElement.GetProperty("before");
        return (ids, before.ValueKind == JsonValueKind.Null ? null : before.GetInt64());
    }
}
