using Parley.Tests.Infrastructure;

namespace Parley.Tests.Seed;

/// <summary>
/// The send path is decoded as the seed's page encoded it with JavaScript's escape(), and as modern
/// clients encode it with encodeURIComponent. Sent over a raw socket so the target arrives untouched.
/// </summary>
public sealed class SeedEncodingTests
{
    [Theory]
    [InlineData("%u20AC", "€")] // escape() of a character above Latin-1
    [InlineData("caf%E9", "café")] // escape() of a Latin-1 character: one byte, not UTF-8
    [InlineData("caf%C3%A9", "café")] // encodeURIComponent: UTF-8
    [InlineData("1+1", "1+1")] // escape() leaves a typed plus as it is
    [InlineData("and/or", "and/or")] // escape() leaves a slash as it is
    [InlineData("%7E%u00e9%41", "~éA")] // lower-case %u digits, mixed forms in one text
    public async Task An_escaped_text_arrives_decoded(string encoded, string text)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "john");

        await SeedClient.SendAsync(server, "mary", $"john%20{encoded}");

        Assert.Equal($"data: mary: {text}", await john.NextEventAsync());
    }

    [Fact]
    public async Task A_query_string_is_not_part_of_the_text()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "john");

        await SeedClient.SendAsync(server, "mary", "john%20hello?nocache=1");

        Assert.Equal("data: mary: hello", await john.NextEventAsync());
    }

    [Fact]
    public async Task The_text_is_split_from_the_target_at_the_first_space_only()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "john");

        await SeedClient.SendAsync(server, "mary", "john%20two%20%20spaces%20");

        Assert.Equal("data: mary: two  spaces ", await john.NextEventAsync());
    }

    [Fact]
    public async Task A_send_whose_msg_prefix_is_in_another_letter_case_is_still_a_send()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "john");

        var response = await RawHttp.GetAsync(server.BaseAddress, "/MSG/mary/john%20hello");

        Assert.Equal(204, response.Status);
        Assert.Equal("data: mary: hello", await john.NextEventAsync());
    }

    [Fact]
    public async Task A_send_in_absolute_form_as_a_proxy_forwards_it_is_read_from_its_path()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "john");

        var response = await RawHttp.GetAsync(server.BaseAddress, $"http://{server.BaseAddress.Authority}/msg/mary/john%20hello");

        Assert.Equal(204, response.Status);
        Assert.Equal("data: mary: hello", await john.NextEventAsync());
    }
}
