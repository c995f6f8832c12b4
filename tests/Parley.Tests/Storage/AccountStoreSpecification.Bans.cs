using Parley.Storage;

namespace Parley.Tests.Storage;

public abstract partial class AccountStoreSpecification
{
    private static StoredBan Ban(BanKind kind, string target, int hours = 1) =>
        new(0, kind, target, Noon.AddHours(hours), "admin", Noon);

    [Fact]
    public void A_new_store_has_no_bans()
    {
        Assert.Empty(Accounts.Bans());
    }

    [Fact]
    public void An_added_ban_gets_an_id_and_comes_back_as_written()
    {
        var until = new DateTimeOffset(2026, 11, 25, 14, 5, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var added = Accounts.AddBan(new StoredBan(0, BanKind.Address, "203.0.113.9", until, "Mary", Noon));

        Assert.True(added.Id > 0);
        var read = Assert.Single(Accounts.Bans());
        Assert.Equal(added with { Id = read.Id }, read);
        Assert.Equal(added.Id, read.Id);
        Assert.Equal(until.UtcTicks, read.Until.UtcTicks);
    }

    [Fact]
    public void Bans_come_back_oldest_first_and_a_removed_one_is_gone()
    {
        var first = Accounts.AddBan(Ban(BanKind.Nick, "spammer"));
        var second = Accounts.AddBan(Ban(BanKind.Address, "198.51.100.7"));

        Assert.True(Accounts.RemoveBan(first.Id));
        Assert.False(Accounts.RemoveBan(first.Id));

        Assert.Equal([second], Accounts.Bans());
    }

    [Fact]
    public void A_ban_id_is_never_given_again_after_its_ban_was_removed()
    {
        var first = Accounts.AddBan(Ban(BanKind.Nick, "spammer"));
        Accounts.RemoveBan(first.Id);

        var next = Accounts.AddBan(Ban(BanKind.Nick, "spammer"));

        Assert.True(next.Id > first.Id, $"{next.Id} after {first.Id}");
    }
}
