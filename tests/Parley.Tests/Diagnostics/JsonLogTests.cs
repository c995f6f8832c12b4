using System.Text.Json;
using Parley.Tests.Hosting;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Diagnostics;

/// <summary><c>Logging:Console:FormatterName=json</c> turns the console into one JSON object per line, event ids and fields included.</summary>
[Trait("Category", "Slow")]
public sealed class JsonLogTests
{
    [Fact]
    public async Task With_the_json_formatter_a_stream_logs_one_JSON_line_when_it_opens_and_one_when_it_closes()
    {
        using var server = await ServerProcess.StartAsync("--urls", "http://127.0.0.1:0", "--Logging:Console:FormatterName=json");
        Assert.NotNull(server.BaseAddress);
        using (var client = new HttpClient { BaseAddress = server.BaseAddress })
        {
            await using var ann = await SeedClient.LoginAsync(client, "ann");
        }

        await Timeouts.WaitUntilAsync(() => StreamEvents(server, 2).Any(), "the stream's closing line");

        Assert.All(server.Output.Where(line => line.Length > 0), line => Assert.Equal(JsonValueKind.Object, Parse(line).ValueKind));
        var opened = Assert.Single(StreamEvents(server, 1));
        Assert.Equal("Information", opened.GetProperty("LogLevel").GetString());
        Assert.Equal("ann", opened.GetProperty("State").GetProperty("Nick").GetString());
        Assert.Equal("Seed", opened.GetProperty("State").GetProperty("Format").GetString());
        var closed = Assert.Single(StreamEvents(server, 2));
        Assert.Equal("ClientDisconnected", closed.GetProperty("State").GetProperty("Reason").GetString());
    }

    private static IEnumerable<JsonElement> StreamEvents(ServerProcess server, int eventId) => server.Output
        .Where(line => line.StartsWith('{'))
        .Select(Parse)
        .Where(entry => entry.GetProperty("Category").GetString() == "Parley.Streams.EventStreamHost" && entry.GetProperty("EventId").GetInt32() == eventId);

    private static JsonElement Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.Clone();
    }
}
