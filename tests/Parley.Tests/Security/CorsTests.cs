using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

/// <summary>
/// CORS is closed unless <c>Parley:Security:AllowedOrigins</c> names origins: then those, and only those, may call the API
/// from their pages with the visitor's cookies and read the answers.
/// </summary>
public sealed class CorsTests
{
    private const string AllowedOrigin = "https://chat.example.com";

    private static readonly Dictionary<string, string?> AllowList = new() { ["Parley:Security:AllowedOrigins:0"] = AllowedOrigin };

    [Fact]
    public async Task Without_an_allow_list_a_preflight_gets_no_cors_headers()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await PreflightAsync(server, AllowedOrigin);

        Assert.Empty(CorsHeaders(response));
    }

    [Fact]
    public async Task Without_an_allow_list_an_answer_to_another_origin_carries_no_cors_headers()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await RawHttp.GetAsync(server.BaseAddress, "/api/users/online", "Origin: " + AllowedOrigin);

        Assert.Equal(200, response.Status);
        Assert.Empty(CorsHeaders(response));
    }

    [Fact]
    public async Task With_an_allow_list_a_preflight_from_an_allowed_origin_is_told_the_methods_and_headers_it_may_use_with_credentials()
    {
        await using var server = await ParleyServer.StartAsync(AllowList);

        var response = await PreflightAsync(server, AllowedOrigin);

        Assert.Equal(204, response.Status);
        Assert.Equal(
            [
                new("Access-Control-Allow-Credentials", "true"),
                new("Access-Control-Allow-Headers", "Content-Type,Last-Event-ID"),
                new("Access-Control-Allow-Methods", "GET,POST,PUT,DELETE"),
                new("Access-Control-Allow-Origin", AllowedOrigin),
            ],
            CorsHeaders(response).OrderBy(header => header.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_an_allow_list_an_answer_to_an_allowed_origin_may_be_read_with_credentials()
    {
        await using var server = await ParleyServer.StartAsync(AllowList);

        var response = await RawHttp.GetAsync(server.BaseAddress, "/api/users/online", "Origin: " + AllowedOrigin);

        Assert.Equal(
            (200, AllowedOrigin, "true"),
            (response.Status, response.Header("Access-Control-Allow-Origin"), response.Header("Access-Control-Allow-Credentials")));
    }

    [Fact]
    public async Task With_an_allow_list_another_origin_gets_no_cors_headers()
    {
        await using var server = await ParleyServer.StartAsync(AllowList);

        var preflight = await PreflightAsync(server, "https://evil.example");
        var answer = await RawHttp.GetAsync(server.BaseAddress, "/api/users/online", "Origin: https://evil.example");

        Assert.Empty(CorsHeaders(preflight));
        Assert.Empty(CorsHeaders(answer));
    }

    private static Task<RawResponse> PreflightAsync(ParleyServer server, string origin) => RawHttp.SendAsync(
        server.BaseAddress,
        "OPTIONS",
        "/api/messages",
        "Origin: " + origin,
        "Access-Control-Request-Method: POST",
        "Access-Control-Request-Headers: content-type",
        "Content-Length: 0");

    private static List<KeyValuePair<string, string>> CorsHeaders(RawResponse response) =>
        [.. response.Headers.Where(header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))];
}
