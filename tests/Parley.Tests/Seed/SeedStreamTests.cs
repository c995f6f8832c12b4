using Parley.Tests.Infrastructure;

namespace Parley.Tests.Seed;

public sealed class SeedStreamTests
{
    [Fact]
    public async Task A_new_stream_opens_with_the_retry_hint_then_welcome_and_who_is_online()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SseReader.OpenAsync(client, "/john");

        Assert.Equal(": parley\nretry: 3000", await john.NextBlockAsync());
        Assert.Equal("data: Welcome john!", await john.NextBlockAsync());
        Assert.Equal("data: now online: ", await john.NextBlockAsync());
    }
}
