using System.Net.Http.Json;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput;

/// <summary>A nick breaking the rule is refused on every route that takes one, and nobody else notices.</summary>
public sealed class BadNickTests
{
    private const string TooLong = "abcdefghijklmnopqrstuvwxyz0123456"; // 33 characters

    [Theory]
    [InlineData(TooLong, TooLong)]
    [InlineData("jo%20hn", "jo hn")]
    [InlineData("john!", "john!")]
    [InlineData("all", "all")]
    [InlineData("ALL", "ALL")]
    public async Task A_seed_stream_for_a_bad_nick_is_refused_with_400(string path, string nick)
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, "/" + path, "Accept: text/event-stream");

        Refusal.AssertSeed(response, 400, $"'{nick}' is not a valid nick: {Refusal.NickRule}");
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [InlineData(TooLong)]
    [InlineData("jo hn")]
    [InlineData("john!")]
    [InlineData("all")]
    [InlineData("ALL")]
    [InlineData("")]
    public async Task A_session_for_a_bad_nick_is_refused_with_400(string nick)
    {
        await using var chat = await BystanderChat.StartAsync();

        using var response = await chat.Client.PostAsJsonAsync("/api/session", new { nick }, TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

        await Refusal.AssertProblemAsync(response, 400, Refusal.Invalid("nick", $"'{nick}' is not a valid nick: {Refusal.NickRule}"));
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task A_json_stream_without_a_session_is_refused_with_401()
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, "/api/events", "Accept: text/event-stream");

        Refusal.AssertProblem(response, 401, Refusal.NoSession);
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [InlineData("/msg/all/john%20hi", $"'all' is not a valid nick: {Refusal.NickRule}")]
    [InlineData("/msg/ALL/john%20hi", $"'ALL' is not a valid nick: {Refusal.NickRule}")]
    [InlineData($"/msg/{TooLong}/john%20hi", $"'{TooLong}' is not a valid nick: {Refusal.NickRule}")]
    [InlineData("/msg/ma%20ry/john%20hi", $"'ma ry' is not a valid nick: {Refusal.NickRule}")]
    [InlineData("/msg/mary/jo!hn%20hi", $"'jo!hn' is neither 'all' nor a valid nick: {Refusal.NickRule}")]
    [InlineData($"/msg/mary/{TooLong}%20hi", $"'{TooLong}' is neither 'all' nor a valid nick: {Refusal.NickRule}")]
    public async Task A_seed_send_with_a_bad_sender_or_target_is_refused_with_400(string target, string reason)
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, target);

        Refusal.AssertSeed(response, 400, reason);
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [InlineData("mary", "jo hn", "to", $"'jo hn' is neither 'all' nor a valid nick: {Refusal.NickRule}")]
    [InlineData("mary", TooLong, "to", $"'{TooLong}' is neither 'all' nor a valid nick: {Refusal.NickRule}")]
    [InlineData("mary", "", "to", $"'' is neither 'all' nor a valid nick: {Refusal.NickRule}")]
    public async Task An_api_send_with_a_bad_target_is_refused_with_400(string from, string to, string field, string reason)
    {
        await using var chat = await BystanderChat.StartAsync();

        using var response = await ApiClient.PostAsync(chat.Client, from, to, "hi");

        await Refusal.AssertProblemAsync(response, 400, Refusal.Invalid(field, reason));
        await chat.AssertBystandersUntouchedAsync();
    }
}
