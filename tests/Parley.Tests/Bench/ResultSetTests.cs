using Parley.Bench.Report;
using static Parley.Tests.Bench.ResultFixtures;

namespace Parley.Tests.Bench;

public sealed class ResultSetTests
{
    [Fact]
    public void Rounds_of_one_mode_parameters_and_server_make_one_group()
    {
        var results = ResultSet.From(
        [
            Result("static", "parley", 2, "keepAlive=false", ("reqPerSec", 2)),
            Result("static", "parley", 1, "keepAlive=false", ("reqPerSec", 1)),
            Result("static", "nginx", 1, "keepAlive=false", ("reqPerSec", 3)),
        ]);

        var found = Assert.Single(results.Cases);
        Assert.Equal([1, 2], found.For("parley")!.Rounds.Select(r => r.Round));
        Assert.Equal([1], found.For("nginx")!.Rounds.Select(r => r.Round));
        Assert.Equal(3, results.Count);
    }

    [Fact]
    public void Modes_come_in_the_issues_order_and_cases_by_subscribers_then_rate_as_numbers()
    {
        var results = ResultSet.From(
        [
            Result("idle", "parley", 1, "streams=10000", ("pssBeforeKib", 1)),
            Result("fanout", "parley", 1, "subscribers=10000 broadcasts=300 rate=10", ("lost", 0)),
            Result("fanout", "parley", 1, "subscribers=10000 broadcasts=100 rate=0", ("lost", 0)),
            Result("fanout", "parley", 1, "subscribers=5000 broadcasts=200 rate=0", ("lost", 0)),
            Result("fanout", "parley", 1, "subscribers=100 broadcasts=2000 rate=0", ("lost", 0)),
            Result("static", "parley", 1, "keepAlive=true", ("reqPerSec", 1)),
            Result("static", "parley", 1, "keepAlive=false", ("reqPerSec", 1)),
        ]);

        Assert.Equal(
            [
                "static keepAlive=false",
                "static keepAlive=true",
                "fanout subscribers=100 broadcasts=2000 rate=0",
                "fanout subscribers=5000 broadcasts=200 rate=0",
                "fanout subscribers=10000 broadcasts=100 rate=0",
                "fanout subscribers=10000 broadcasts=300 rate=10",
                "idle streams=10000",
            ],
            results.Cases.Select(c => $"{c.Mode} {c.Describe()}"));
    }

    [Fact]
    public void The_same_parameters_in_another_order_are_the_same_case() =>
        Assert.Single(ResultSet.From(
        [
            Result("fanout", "parley", 1, "subscribers=100 rate=0", ("lost", 0)),
            Result("fanout", "nchan", 1, "rate=0 subscribers=100", ("lost", 0)),
        ]).Cases);

    [Fact]
    public void A_json_idle_case_is_its_own_and_follows_the_seeds_at_the_same_streams()
    {
        var results = ResultSet.From(
        [
            Result("idle", "parley", 1, "streams=10000 protocol=json", ("kibPerStream", 2)),
            Result("idle", "parley", 1, "streams=19000", ("kibPerStream", 3)),
            Result("idle", "nchan", 1, "streams=10000", ("kibPerStream", 4)),
            Result("idle", "parley", 1, "streams=10000", ("kibPerStream", 5)),
        ]);

        Assert.Equal(
            ["streams=10000", "streams=10000 protocol=json", "streams=19000"],
            results.Cases.Select(c => c.Describe()));
        Assert.Equal(["parley"], results.Cases[1].ServerNames);
    }
}
