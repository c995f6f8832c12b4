using System.Net.Http.Headers;
using Parley.Tests.Accounts;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Moderation;

/// <summary>Every admin route checks what it is given: 400 naming the field, 404 for what is not there.</summary>
[Trait("Category", "Slow")] // an admin account (a password hash) per case
public sealed class AdminBadInputTests
{
    public static TheoryData<string, string> BadBans => new()
    {
        { """{"nick":"john"}""", "minutes" },
        { """{"nick":"john","minutes":0}""", "minutes" },
        { """{"nick":"john","minutes":525601}""", "minutes" },
        { """{"minutes":5}""", "nick" },
        { """{"nick":"john","address":"203.0.113.9","minutes":5}""", "nick" },
        { """{"nick":"no spaces","minutes":5}""", "nick" },
        { """{"nick":"boss","minutes":5}""", "nick" },
        { """{"address":"203.0.113.300","minutes":5}""", "address" },
        { """{"address":"203.0.113.0/24","minutes":5}""", "address" },
        { """{"address":"010.1.1.1","minutes":5}""", "address" }, // inet_aton's octal: not 10.1.1.1 to a reader
        { """{"address":"127.1","minutes":5}""", "address" },
        { """{"address":"1","minutes":5}""", "address" },
        { """{"address":"2001:db8::/48","minutes":5}""", "address" },
    };

    [Theory]
    [MemberData(nameof(BadBans))]
    public async Task A_ban_that_breaks_a_rule_is_400_naming_the_field(string body, string field)
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);

        var (status, problem) = await Visitor.ReadAsync(PostRawAsync(admin, "/api/admin/bans", body));

        Assert.Equal(400, status);
        Assert.Contains($"\"{field}\":[", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/admin/kicks", "not json")]
    [InlineData("/api/admin/kicks", "[1]")]
    [InlineData("/api/admin/bans", """{"nick":"john","minutes":"ten"}""")]
    [InlineData("/api/admin/bans", "null")]
    public async Task A_body_that_is_not_the_json_asked_for_is_400(string path, string body)
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);

        Assert.Equal(400, (await Visitor.ReadAsync(PostRawAsync(admin, path, body))).Status);
    }

    [Fact]
    public async Task Kicking_a_bad_nick_is_400_and_a_nick_nobody_streams_is_404()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);

        Assert.Equal(400, (await Visitor.ReadAsync(admin.KickAsync("all"))).Status);
        Assert.Equal(404, (await Visitor.ReadAsync(admin.KickAsync("nobody"))).Status);
    }

    [Theory]
    [InlineData("/api/admin/bans/0")]
    [InlineData("/api/admin/bans/x")]
    [InlineData("/api/admin/bans/-1")]
    [InlineData("/api/admin/messages/0")]
    [InlineData("/api/admin/messages/1.5")]
    [InlineData("/api/admin/messages/99999999999999999999")]
    public async Task An_id_that_is_no_whole_number_from_1_is_400(string path)
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);

        var (status, problem) = await Visitor.ReadAsync(admin.DeleteAsync(path));

        Assert.Equal(400, status);
        Assert.Contains("\"id\":[", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifting_an_unknown_ban_or_deleting_an_unknown_message_is_404()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);

        Assert.Equal(404, (await Visitor.ReadAsync(admin.DeleteAsync("/api/admin/bans/7"))).Status);
        Assert.Equal(404, (await Visitor.ReadAsync(admin.DeleteAsync("/api/admin/messages/7"))).Status);
    }

    [Fact]
    public async Task Another_sites_page_cannot_make_an_admins_browser_ban()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/bans")
        {
            Content = new StringContent("""{"nick":"john","minutes":5}""", MediaTypeHeaderValue.Parse("application/json")),
        };
        request.Headers.Add("Origin", "https://evil.example");

        Assert.Equal(403, (await Visitor.ReadAsync(admin.Http.SendAsync(request, TestContext.Current.CancellationToken))).Status);
        Assert.Equal((200, "[]"), await Visitor.ReadAsync(admin.GetAsync("/api/admin/bans")));
    }

    private static Task<HttpResponseMessage> PostRawAsync(Visitor admin, string path, string json) =>
        admin.Http.PostAsync(path, new StringContent(json, MediaTypeHeaderValue.Parse("application/json")), TestContext.Current.CancellationToken)
            .WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);
}
