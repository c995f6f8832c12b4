using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput;

/// <summary><c>GET /msg/{from}/{to}%20{text}</c> with a path that does not parse as a seed send.</summary>
public sealed class BadSeedSendTests
{
    private const string BrokenEscape = "the path has a '%' that is not followed by two hex digits (or 'u' and four)";

    private const string NoTarget =
        "a seed send is GET /msg/{from}/{to}%20{text}: the decoded part after the sender must be a target, a space and the text";

    [Theory]
    [InlineData("/msg/mary/all%20hi%zz", BrokenEscape)]
    [InlineData("/msg/mary/all%20hi%", BrokenEscape)]
    [InlineData("/msg/mary/all%20hi%4", BrokenEscape)]
    [InlineData("/msg/mary/all%20hi%u20A", BrokenEscape)]
    [InlineData("/msg/mary/all%20%uzzzz", BrokenEscape)]
    [InlineData("/msg/ma%zzry/all%20hi", BrokenEscape)]
    [InlineData("/msg/mary/all", NoTarget)]
    [InlineData("/msg/mary/allhello", NoTarget)]
    [InlineData("/msg/mary/%20all%20hello", NoTarget)]
    [InlineData("/msg/mary/", NoTarget)]
    [InlineData("/msg/mary", "a seed send is GET /msg/{from}/{to}%20{text}: the path ends after the sender")]
    public async Task A_send_that_does_not_parse_is_refused_with_400(string target, string reason)
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, target);

        Refusal.AssertSeed(response, 400, reason);
        await chat.AssertBystandersUntouchedAsync();
    }
}
