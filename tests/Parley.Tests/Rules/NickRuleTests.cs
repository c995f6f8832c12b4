using Parley.Chat;

namespace Parley.Tests.Rules;

public sealed class NickRuleTests
{
    [Theory]
    [InlineData("john")]
    [InlineData("J")]
    [InlineData("mary_jane-2.0")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")] // 32
    [InlineData("allison")]
    public void Letters_digits_underscore_dash_and_dot_up_to_32_make_a_nick(string nick) =>
        Assert.True(Nick.IsValid(nick));

    [Theory]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33
    [InlineData("john doe")]
    [InlineData("jöhn")]
    [InlineData("john/doe")]
    [InlineData("<script>")]
    public void Anything_else_is_not_a_nick(string nick) => Assert.False(Nick.IsValid(nick));

    [Theory]
    [InlineData("all")]
    [InlineData("ALL")]
    [InlineData("All")]
    public void All_in_any_case_is_reserved(string nick) => Assert.False(Nick.IsValid(nick));

    [Fact]
    public void The_same_nick_in_another_letter_case_is_the_same_person() =>
        Assert.True(Nick.SameNick("John", "jOHN"));
}
