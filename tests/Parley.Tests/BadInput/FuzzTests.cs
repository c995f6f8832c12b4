using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Api;
using Parley.Tests.BadInput.Fuzz;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;
using Parley.Tests.Streams;

namespace Parley.Tests.BadInput;

/// <summary>
/// Thousands of random requests against every route, beside a legitimate chat: nothing a client sends produces
/// a 5xx, and the bystanders miss nothing. The seed is in every failure message; run it again with
/// <c>PARLEY_FUZZ_SEED=&lt;seed&gt;</c> to replay the same requests.
/// </summary>
[Collection(LoadTests.Name)]
public sealed class FuzzTests
{
    private const int Requests = 3000;
    private const int Concurrency = 8;
    private const int LegitMessages = 200;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // A body announced longer than sent is refused (408) 1.5 s after it stalls instead of Kestrel's 5 s.
        ["Kestrel:Limits:MinRequestBodyDataRate:GracePeriod"] = "00:00:01.5",
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Random_requests_to_every_route_get_no_5xx_while_bystanders_on_both_protocols_receive_every_message()
    {
        var cancel = TestContext.Current.CancellationToken;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_FUZZ_SEED"), out var chosen) ? chosen : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"fuzz seed {seed}");

        // A clock that never moves: no heartbeats or write timeouts on a busy machine (Kestrel's own timeouts still run).
        await using var server = await ParleyServer.StartAsync(Settings, new FakeTimeProvider());
        using var client = server.CreateClient();
        await using var seedStream = await SeedClient.LoginAsync(client, FuzzNicks.SeedBystander);
        await using var jsonStream = await ApiClient.LoginAsync(client, FuzzNicks.JsonBystander);
        var requests = FuzzRequests.Draw(new Random(seed), server.BaseAddress, Requests);

        var receiving = new[]
        {
            LegitTraffic.ReceiveAsync(seedStream, FuzzNicks.SeedBystander),
            LegitTraffic.ReceiveAsync(jsonStream, FuzzNicks.JsonBystander),
        };
        using var pace = new SemaphoreSlim(0);
        using var sendClient = server.CreateClient();
        var sending = LegitTraffic.SendAsync(sendClient, LegitMessages, pace);
        var outcomes = new FuzzOutcome[Requests];
        var answered = 0;
        await Parallel.ForEachAsync(
            requests,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancel },
            async (request, token) =>
            {
                outcomes[request.Number] = await FuzzExchange.SendAsync(server.BaseAddress, request, token);
                if (Interlocked.Increment(ref answered) % (Requests / LegitMessages) == 0)
                {
                    pace.Release();
                }
            }).WaitAsync(Timeouts.UnderLoad, cancel);
        await sending.WaitAsync(Timeouts.UnderLoad, cancel);
        var received = await Task.WhenAll(receiving).WaitAsync(Timeouts.UnderLoad, cancel);

        TestContext.Current.TestOutputHelper?.WriteLine(Tally(outcomes));
        var serverErrors = outcomes.Where(outcome => outcome.Status >= 500).ToList();
        Assert.True(
            serverErrors.Count == 0,
            $"seed {seed}: {serverErrors.Count} of {Requests} requests answered 5xx:\n" + string.Join('\n', serverErrors.Select(outcome => $"{outcome.Status} for {outcome.Request.Summary}")));
        AssertReceivedEveryMessageOnceInOrder(received[0], FuzzNicks.SeedBystander, seed);
        AssertReceivedEveryMessageOnceInOrder(received[1], FuzzNicks.JsonBystander, seed);
        await AssertHealthyAsync(client, seed);
        var failures = server.LogEntries.Where(entry => entry.Level >= LogLevel.Error || entry.HadException).ToList();
        Assert.True(failures.Count == 0, $"seed {seed}: logged as failures:\n" + string.Join('\n', failures));
    }

    private static void AssertReceivedEveryMessageOnceInOrder(List<string> received, string stream, int seed)
    {
        var expected = LegitTraffic.Expected(LegitMessages).ToList();
        var firstDifference = Enumerable.Range(0, Math.Max(expected.Count, received.Count))
            .FirstOrDefault(i => i >= expected.Count || i >= received.Count || expected[i] != received[i], -1);
        Assert.True(
            firstDifference < 0,
            $"seed {seed}: {stream} received {received.Count} of {expected.Count} legitimate messages; first difference at {firstDifference}: " +
            $"expected '{expected.ElementAtOrDefault(firstDifference)}', got '{received.ElementAtOrDefault(firstDifference)}'");
    }

    private static async Task AssertHealthyAsync(HttpClient client, int seed)
    {
        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        Assert.True(response.StatusCode == HttpStatusCode.OK && body == "Healthy", $"seed {seed}: after the fuzz, /api/health answered {(int)response.StatusCode}: {body}");
    }

    private static string Tally(IEnumerable<FuzzOutcome> outcomes) => "answers: " + string.Join(", ", outcomes
        .GroupBy(outcome => outcome.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? outcome.NoAnswer!.Split(':')[0])
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .Select(group => $"{group.Key} x{group.Count()}"));
}
