using System.Globalization;
using System.Text.Json;
using Parley.Tests.Accounts;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Moderation;

/// <summary>A deleted message is gone from history, resumes and mailboxes, and the pages showing it are told.</summary>
public sealed class DeleteTests
{
    [Fact]
    public async Task A_deleted_message_is_gone_from_history()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        var kept = await ApiClient.SendAsync(client, "mary", "all", "kept");
        var spam = await ApiClient.SendAsync(client, "john", "all", "spam");

        Assert.Equal(204, (await Visitor.ReadAsync(admin.DeleteAsync($"/api/admin/messages/{spam}"))).Status);

        Assert.Equal([kept], await HistoryIdsAsync(client, "pete"));
        Assert.Equal(404, (await Visitor.ReadAsync(admin.DeleteAsync($"/api/admin/messages/{spam}"))).Status);
        Assert.Equal(103, Assert.Single(server.LogEntries, entry => entry.EventId.Id is >= 100 and <= 103).EventId.Id);
    }

    [Fact]
    public async Task Live_json_streams_that_could_show_it_get_a_deleted_event_and_seed_streams_nothing()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");
        await using var john = await ApiClient.LoginAsync(client, "john");
        await using var seed = await SeedClient.LoginAsync(client, "paul");
        Assert.Equal("event: joined\ndata: {\"nick\":\"john\"}", await mary.NextEventAsync());
        Assert.Equal("event: joined\ndata: {\"nick\":\"paul\"}", await mary.NextEventAsync());
        Assert.Equal("event: joined\ndata: {\"nick\":\"paul\"}", await john.NextEventAsync());
        var direct = await ApiClient.SendAsync(client, "john", "mary", "psst");
        var spam = await ApiClient.SendAsync(client, "john", "all", "spam");
        Assert.Equal(direct, ApiClient.IdOf(await mary.NextEventAsync()));
        Assert.Equal(spam, ApiClient.IdOf(await mary.NextEventAsync()));
        Assert.Equal(direct, ApiClient.IdOf(await john.NextEventAsync()));
        Assert.Equal(spam, ApiClient.IdOf(await john.NextEventAsync()));
        Assert.Equal("john to all: spam", await seed.NextDataAsync());

        await Visitor.ReadAsync(admin.DeleteAsync($"/api/admin/messages/{spam}"));
        await Visitor.ReadAsync(admin.DeleteAsync($"/api/admin/messages/{direct}"));
        await SeedClient.SendAsync(server, "paul", "all%20next");

        Assert.Equal($"event: deleted\ndata: {{\"id\":{spam}}}", await mary.NextEventAsync());
        Assert.Equal($"event: deleted\ndata: {{\"id\":{direct}}}", await mary.NextEventAsync());
        Assert.Equal($"event: deleted\ndata: {{\"id\":{spam}}}", await john.NextEventAsync());
        Assert.Equal($"event: deleted\ndata: {{\"id\":{direct}}}", await john.NextEventAsync());
        Assert.Equal("paul to all: next", await seed.NextDataAsync());
    }

    [Fact]
    public async Task A_direct_messages_deletion_reaches_only_its_two_nicks()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        await using var pete = await ApiClient.LoginAsync(client, "pete");
        var direct = await ApiClient.SendAsync(client, "john", "mary", "psst");

        await Visitor.ReadAsync(admin.DeleteAsync($"/api/admin/messages/{direct}"));
        var next = await ApiClient.SendAsync(client, "john", "all", "next");

        Assert.Equal(next, ApiClient.IdOf(await pete.NextEventAsync()));
    }

    [Fact]
    public async Task A_stream_resuming_from_before_a_deleted_message_never_gets_it()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        var seen = await ApiClient.SendAsync(client, "mary", "all", "seen");
        var spam = await ApiClient.SendAsync(client, "john", "all", "spam");
        var kept = await ApiClient.SendAsync(client, "mary", "all", "kept");

        await Visitor.ReadAsync(admin.DeleteAsync($"/api/admin/messages/{spam}"));
        await using var resumed = await SseReader.OpenAsync(client, $"/api/events?nick=pete&lastEventId={seen.ToString(CultureInfo.InvariantCulture)}");

        Assert.Equal("welcome", SseReader.FieldOf(await resumed.NextEventAsync(), "event"));
        Assert.Equal("online", SseReader.FieldOf(await resumed.NextEventAsync(), "event"));
        Assert.Equal(kept, ApiClient.IdOf(await resumed.NextEventAsync()));
    }

    [Fact]
    public async Task A_deleted_message_waiting_in_a_mailbox_is_never_delivered()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        var spam = await ApiClient.SendAsync(client, "john", "mary", "spam");
        var kept = await ApiClient.SendAsync(client, "john", "mary", "kept");

        await Visitor.ReadAsync(admin.DeleteAsync($"/api/admin/messages/{spam}"));
        await using var mary = await ApiClient.LoginAsync(client, "mary");

        var waited = await mary.NextEventAsync();
        Assert.Equal(kept, ApiClient.IdOf(waited));
        Assert.Contains("\"text\":\"kept\"", waited, StringComparison.Ordinal);
    }

    private static async Task<long[]> HistoryIdsAsync(HttpClient client, string nick)
    {
        var body = await client.GetStringAsync($"/api/history?nick={nick}&with=all", TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("id").GetInt64())];
    }
}
