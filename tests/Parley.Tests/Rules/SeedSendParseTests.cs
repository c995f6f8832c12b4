using Parley.Seed;

namespace Parley.Tests.Rules;

public sealed class SeedSendParseTests
{
    [Fact]
    public void The_target_is_what_comes_before_the_first_space_and_the_rest_is_the_text()
    {
        var (send, rejection) = SeedSend.Parse("/msg/mary/john%20hello%20there");

        Assert.Null(rejection);
        Assert.Equal(new SeedSend("mary", "john", "hello there"), send);
    }

    [Fact]
    public void A_query_string_is_not_part_of_the_text()
    {
        var (send, _) = SeedSend.Parse("/msg/mary/all%20hi?cache=123");

        Assert.Equal(new SeedSend("mary", "all", "hi"), send);
    }

    [Fact]
    public void Slashes_in_the_text_are_kept()
    {
        var (send, _) = SeedSend.Parse("/msg/mary/all%20and/or");

        Assert.Equal(new SeedSend("mary", "all", "and/or"), send);
    }

    [Theory]
    [InlineData("/msg/mary/johnhello")]
    [InlineData("/msg/mary/%20john%20hello")]
    public void A_send_without_a_target_before_a_space_is_refused(string rawTarget)
    {
        var (send, rejection) = SeedSend.Parse(rawTarget);

        Assert.Null(send);
        Assert.Equal("a seed send is GET /msg/{from}/{to}%20{text}: the decoded part after the sender must be a target, a space and the text", rejection?.Reason);
    }

    [Fact]
    public void A_send_with_a_target_and_a_space_but_no_text_leaves_the_text_empty_for_the_hub_to_refuse()
    {
        var (send, _) = SeedSend.Parse("/msg/mary/john%20");

        Assert.Equal(new SeedSend("mary", "john", ""), send);
    }

    [Fact]
    public void A_path_that_ends_after_the_sender_is_refused()
    {
        var (send, rejection) = SeedSend.Parse("/msg/mary");

        Assert.Null(send);
        Assert.Equal("a seed send is GET /msg/{from}/{to}%20{text}: the path ends after the sender", rejection?.Reason);
    }

    [Fact]
    public void An_absolute_form_target_is_read_from_its_path()
    {
        var (send, _) = SeedSend.Parse("http://localhost:8000/msg/mary/john%20hello");

        Assert.Equal(new SeedSend("mary", "john", "hello"), send);
    }
}
