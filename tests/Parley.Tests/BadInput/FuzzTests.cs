using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Accounts;
using Parley.Tests.Api;
using Parley.Tests.BadInput.Fuzz;
using Parley.Tests.Infrastructure;
using Parley.Tests.Streams;

namespace Parley.Tests.BadInput;

/// <summary>
/// Thousands of random requests against every route, sessions and accounts included, with random and forged session
/// cookies and look-alikes of the bystanders' nicks, beside a legitimate chat: nothing a client sends produces a 5xx,
/// takes or speaks for a bystander's nick, or costs a bystander a message; the server stays healthy and its heap does
/// not grow. The seed is in every failure message; run it again with <c>PARLEY_FUZZ_SEED=&lt;seed&gt;</c> to replay the
/// same requests.
/// </summary>
[Collection(LoadTests.Name)]
public sealed class FuzzTests
{
    private const int Requests = 4000;
    private const int Concurrency = 8;
    private const int LegitRounds = 100;

    // The heap (server and test alike: the server runs in this process) after the run, less before it. Runs of 4,000
    // requests grew it by 5.5 to 7.3 MB here: what the store keeps of the accepted sends, the guest holds, the log
    // lines. A leak of 5 KB per request (a body or a cookie kept, say) would take it past the bound.
    private const long HeapGrowthBound = 24L << 20;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // A body announced longer than sent is refused (408) 1.5 s after it stalls instead of Kestrel's 5 s.
        ["Kestrel:Limits:MinRequestBodyDataRate:GracePeriod"] = "00:00:01.5",
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Random_and_look_alike_requests_to_every_route_get_no_5xx_take_no_nick_and_cost_bystanders_nothing()
    {
        var cancel = TestContext.Current.CancellationToken;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_FUZZ_SEED"), out var chosen) ? chosen : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"fuzz seed {seed}");

        // A clock that never moves: no heartbeats, write timeouts or expiring holds on a busy machine (Kestrel's own timeouts
        // still run). It stands at now, not at its default of 2000, or the browsers' cookie jars would drop the session
        // cookies as long expired.
        await using var server = await ParleyServer.StartAsync(Settings, new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var client = server.CreateClient();
        await using var bystanders = await FuzzBystanders.StartAsync(server);
        var requests = FuzzRequests.Draw(new Random(seed), server.BaseAddress, Requests, new FuzzCookies(bystanders.FuzzCookies), bystanders.MimicCookie);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        await using var health = HealthWatch.Start(server);
        var receiving = bystanders.Streams.Select(stream => LegitTraffic.ReceiveAsync(stream.Stream, stream.Owner)).ToArray();
        using var pace = new SemaphoreSlim(0);
        var sending = LegitTraffic.SendAsync(bystanders, LegitRounds, pace);
        var outcomes = new FuzzOutcome[Requests];
        var answered = 0;
        await Parallel.ForEachAsync(
            requests,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancel },
            async (request, token) =>
            {
                outcomes[request.Number] = await FuzzExchange.SendAsync(server.BaseAddress, request, token);
                if (Interlocked.Increment(ref answered) % (Requests / LegitRounds) == 0)
                {
                    pace.Release();
                }
            }).WaitAsync(Timeouts.UnderLoad, cancel);
        await sending.WaitAsync(Timeouts.UnderLoad, cancel);
        var received = await Task.WhenAll(receiving).WaitAsync(Timeouts.UnderLoad, cancel);
        await health.StopAsync();

        TestContext.Current.TestOutputHelper?.WriteLine($"{Requests} requests in {elapsed.Elapsed.TotalSeconds:F1} s; " + Tally(outcomes));
        foreach (var unanswered in outcomes.Where(outcome => outcome.Status is null && outcome.NoAnswer!.StartsWith("no status", StringComparison.Ordinal)))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{unanswered.NoAnswer}: {unanswered.Request.Summary}");
        }

        AssertNoServerErrors(outcomes, seed);
        AssertNoNickTaken(outcomes, seed);
        for (var i = 0; i < received.Length; i++)
        {
            AssertReceivedEveryMessageOnceInOrder(received[i], bystanders.Streams[i].Owner, seed);
        }

        Assert.True(health.Failures.IsEmpty && health.Probes > 0, $"seed {seed}: of {health.Probes} health probes during the fuzz, these failed:\n" + string.Join('\n', health.Failures));
        await AssertHealthyAsync(client, seed);
        await AssertSessionsHoldAsync(bystanders, seed);

        // Every stream the fuzz opened has closed: what stays is the bystanders, and the heap is measured without them.
        await OnlineUsers.WaitForAsync(client, FuzzBystanders.OnlineAlone);
        var growth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        TestContext.Current.TestOutputHelper?.WriteLine($"heap grew by {growth / 1e6:F1} MB over {Requests} requests");
        Assert.True(growth < HeapGrowthBound, $"seed {seed}: the heap grew by {growth / 1e6:F1} MB over {Requests} requests, more than {HeapGrowthBound / 1e6:F0} MB");
        var failures = server.LogEntries.Where(entry => entry.Level >= LogLevel.Error || entry.HadException).ToList();
        Assert.True(failures.Count == 0, $"seed {seed}: logged as failures:\n" + string.Join('\n', failures));
    }

    private static void AssertNoServerErrors(FuzzOutcome[] outcomes, int seed)
    {
        var serverErrors = outcomes.Where(outcome => outcome.Status >= 500).ToList();
        Assert.True(
            serverErrors.Count == 0,
            $"seed {seed}: {serverErrors.Count} of {Requests} requests answered 5xx:\n" + string.Join('\n', serverErrors.Select(outcome => $"{outcome.Status} for {outcome.Request.Summary}")));
    }

    /// <summary>Every look-alike attack got its one answer: refused as taken, as no nick, or as not the session's.</summary>
    private static void AssertNoNickTaken(FuzzOutcome[] outcomes, int seed)
    {
        var attacks = outcomes.Where(outcome => outcome.Request.Expected is not null).ToList();
        var wrong = attacks.Where(outcome => outcome.Status is not { } status || !outcome.Request.Expected!.Contains(status)).ToList();
        Assert.True(
            wrong.Count == 0,
            $"seed {seed}: {wrong.Count} of {attacks.Count} look-alike attacks got another answer than they must:\n" + string.Join('\n', wrong.Select(outcome =>
                $"{outcome.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? outcome.NoAnswer}, not {string.Join(" or ", outcome.Request.Expected!)}, for {outcome.Request.Summary}")));
    }

    /// <summary>Every bystander's broadcasts, each once, in the order sent, and nothing else in a bystander's name.</summary>
    private static void AssertReceivedEveryMessageOnceInOrder(List<string> received, string stream, int seed)
    {
        var expected = LegitTraffic.Expected(LegitRounds).ToList();
        var firstDifference = Enumerable.Range(0, Math.Max(expected.Count, received.Count))
            .FirstOrDefault(i => i >= expected.Count || i >= received.Count || expected[i] != received[i], -1);
        Assert.True(
            firstDifference < 0,
            $"seed {seed}: {stream} received {received.Count} messages from bystanders' nicks, expected {expected.Count}; first difference at {firstDifference}: " +
            $"expected '{expected.ElementAtOrDefault(firstDifference)}', got '{received.ElementAtOrDefault(firstDifference)}'");
    }

    private static async Task AssertHealthyAsync(HttpClient client, int seed)
    {
        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        Assert.True(response.StatusCode == HttpStatusCode.OK && body == "Healthy", $"seed {seed}: after the fuzz, /api/health answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>The registered and the guest bystander are still who they were.</summary>
    private static async Task AssertSessionsHoldAsync(FuzzBystanders bystanders, int seed)
    {
        var registered = await Visitor.ReadAsync(bystanders.Registered.GetAsync("/api/session"));
        var guest = await Visitor.ReadAsync(bystanders.Guest.GetAsync("/api/session"));
        Assert.True(
            registered == (200, $$"""{"nick":"{{FuzzNicks.RegisteredBystander}}","kind":"registered","admin":false}""") && guest == (200, $$"""{"nick":"{{FuzzNicks.GuestBystander}}","kind":"guest","admin":false}"""),
            $"seed {seed}: after the fuzz the registered bystander's session answered {registered}, the guest's {guest}");
    }

    private static string Tally(IEnumerable<FuzzOutcome> outcomes) => "answers: " + string.Join(", ", outcomes
        .GroupBy(outcome => outcome.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? outcome.NoAnswer!.Split(':')[0])
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .Select(group => $"{group.Key} x{group.Count()}"));
}
