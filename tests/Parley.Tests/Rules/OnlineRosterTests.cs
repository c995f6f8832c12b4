using Parley.Chat;

namespace Parley.Tests.Rules;

public sealed class OnlineRosterTests
{
    [Fact]
    public void A_snapshot_lists_the_nicks_in_the_order_they_came()
    {
        var roster = new OnlineRoster();
        roster.Add("mary");
        roster.Add("john");

        Assert.Equal(["mary", "john"], roster.Snapshot());
    }

    [Fact]
    public void A_snapshot_stays_as_it_was_while_nicks_come_and_go()
    {
        var roster = new OnlineRoster();
        roster.Add("mary");
        roster.Add("john");
        var before = roster.Snapshot();

        roster.Remove("mary");
        roster.Add("paul");
        for (var i = 0; i < 40; i++)
        {
            roster.Add($"n{i}"); // grows the array past its first size
        }

        Assert.Equal(["mary", "john"], before);
        Assert.Equal(["john", "paul", "n0"], roster.Snapshot().Take(3));
        Assert.Equal(42, roster.Snapshot().Count);
    }

    [Fact]
    public void Removing_without_a_snapshot_taken_keeps_the_order_of_the_rest()
    {
        var roster = new OnlineRoster();
        roster.Add("mary");
        roster.Add("john");
        roster.Add("paul");

        roster.Remove("john");
        roster.Remove("nobody");

        Assert.Equal(["mary", "paul"], roster.Snapshot());
    }
}
