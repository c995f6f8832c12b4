using Parley.Tests.Infrastructure;

namespace Parley.Tests.Seed;

/// <summary>The seed's first route: <c>GET /</c> serves the chat page.</summary>
public sealed class SeedPageTests
{
    [Fact]
    public async Task The_root_serves_the_chat_page_as_html_with_an_etag()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await RawHttp.GetAsync(server.BaseAddress, "/");

        Assert.Equal(200, response.Status);
        Assert.Equal("text/html; charset=UTF-8", response.Header("Content-Type"));
        Assert.Equal(await File.ReadAllBytesAsync(PagePath(), TestContext.Current.CancellationToken), response.Body);
        Assert.Matches("^\"[^\"]+\"$", response.Header("ETag"));
    }

    [Fact]
    public async Task A_conditional_get_with_the_pages_etag_answers_304_without_a_body()
    {
        await using var server = await ParleyServer.StartAsync();
        var etag = (await RawHttp.GetAsync(server.BaseAddress, "/")).Header("ETag");

        var response = await RawHttp.GetAsync(server.BaseAddress, "/", $"If-None-Match: {etag}");

        Assert.Equal(304, response.Status);
        Assert.Equal(etag, response.Header("ETag"));
        Assert.Empty(response.Body);
    }

    // The page as it is in the repository, so the test notices the server serving anything else.
    private static string PagePath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Parley.slnx")))
            {
                return Path.Combine(folder.FullName, "src", "Parley", "wwwroot", "index.html");
            }
        }

        throw new InvalidOperationException($"No Parley.slnx above {AppContext.BaseDirectory}.");
    }
}
