using Parley.Tests.Infrastructure;

namespace Parley.Tests.Api;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_200_healthy()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
