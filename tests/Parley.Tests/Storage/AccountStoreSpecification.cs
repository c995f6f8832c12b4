using Parley.Storage;

namespace Parley.Tests.Storage;

/// <summary>
/// What every <see cref="IAccountStore"/> does, reached through its <see cref="IMessageStore.Accounts"/>: each message
/// store runs all of it through a subclass that says how to make a new, empty one.
/// </summary>
public abstract partial class AccountStoreSpecification : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private IMessageStore? _store;

    /// <summary>The accounts of a new, empty store, opened on first use and disposed after the test.</summary>
    protected IAccountStore Accounts
    {
        get
        {
            if (_store is null)
            {
                _store = CreateStore();
                _store.Open();
            }

            return _store.Accounts;
        }
    }

    /// <summary>A new, empty store, not yet opened.</summary>
    protected abstract IMessageStore CreateStore();

    protected static StoredAccount Account(string nick, string hash = "hash-1", string stamp = "stamp-1") => new(nick, hash, stamp, Noon);

    [Fact]
    public void A_new_store_has_no_accounts_and_no_guest_holds()
    {
        Assert.Empty(Accounts.Accounts());
        Assert.Empty(Accounts.GuestHolds());
    }

    [Fact]
    public void An_added_account_comes_back_as_written_with_the_nick_in_its_owners_letter_case()
    {
        var created = new DateTimeOffset(2026, 11, 25, 14, 5, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var mary = new StoredAccount("Mary.Ann", "AQAAAAIAAYagAAAAE…", "d41d8cd9", created);

        Assert.True(Accounts.AddAccount(mary));

        var read = Assert.Single(Accounts.Accounts());
        Assert.Equal(mary, read);
        Assert.Equal(created.UtcTicks, read.CreatedAt.UtcTicks);
    }

    [Fact]
    public void Every_account_comes_back()
    {
        Accounts.AddAccount(Account("mary"));
        Accounts.AddAccount(Account("john"));

        Assert.Equal(["john", "mary"], Accounts.Accounts().Select(account => account.Nick).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_nick_registered_in_another_letter_case_cannot_be_added_again_and_stays_as_it_was()
    {
        Accounts.AddAccount(Account("mary", "first hash"));

        Assert.False(Accounts.AddAccount(Account("MARY", "second hash")));

        Assert.Equal([Account("mary", "first hash")], Accounts.Accounts());
    }

    [Fact]
    public void Updating_an_account_in_any_letter_case_replaces_its_hash_and_stamp_and_keeps_the_rest()
    {
        Accounts.AddAccount(Account("Mary"));

        Accounts.UpdateAccount("mARY", "hash-2", "stamp-2");

        Assert.Equal([Account("Mary", "hash-2", "stamp-2")], Accounts.Accounts());
    }

    [Fact]
    public void Updating_a_nick_nobody_registered_registers_nothing()
    {
        Accounts.AddAccount(Account("mary"));

        Accounts.UpdateAccount("john", "hash-2", "stamp-2");

        Assert.Equal([Account("mary")], Accounts.Accounts());
    }

    [Fact]
    public void A_guest_hold_comes_back_as_saved_expired_or_not()
    {
        StoredGuestHold[] holds = [new("Pete", "session-a", Noon.AddHours(1)), new("sue", "session-b", Noon.AddYears(-1))];

        foreach (var hold in holds)
        {
            Assert.True(Accounts.SaveGuestHold(hold, Noon));
        }

        Assert.Equal(holds, Accounts.GuestHolds().OrderBy(hold => hold.SessionId, StringComparer.Ordinal));
    }

    [Fact]
    public void A_hold_saved_on_a_nick_whose_hold_expired_replaces_it_in_any_letter_case()
    {
        Accounts.SaveGuestHold(new StoredGuestHold("pete", "session-a", Noon), Noon.AddHours(-1));

        Assert.True(Accounts.SaveGuestHold(new StoredGuestHold("PETE", "session-b", Noon.AddHours(2)), now: Noon));

        Assert.Equal([new StoredGuestHold("PETE", "session-b", Noon.AddHours(2))], Accounts.GuestHolds());
    }

    [Fact]
    public void Another_sessions_live_hold_is_kept_in_any_letter_case_and_the_save_says_so()
    {
        var live = new StoredGuestHold("pete", "session-a", Noon.AddMinutes(1));
        Accounts.SaveGuestHold(live, Noon);

        Assert.False(Accounts.SaveGuestHold(new StoredGuestHold("Pete", "session-b", Noon.AddHours(2)), now: Noon));

        Assert.Equal([live], Accounts.GuestHolds());
    }

    [Fact]
    public void The_session_holding_a_nick_renews_its_live_hold()
    {
        Accounts.SaveGuestHold(new StoredGuestHold("pete", "session-a", Noon.AddMinutes(1)), Noon);

        Assert.True(Accounts.SaveGuestHold(new StoredGuestHold("pete", "session-a", Noon.AddHours(1)), now: Noon));

        Assert.Equal([new StoredGuestHold("pete", "session-a", Noon.AddHours(1))], Accounts.GuestHolds());
    }

    [Fact]
    public void A_hold_ends_only_for_the_session_that_holds_it_in_any_letter_case()
    {
        var hold = new StoredGuestHold("pete", "session-a", Noon);
        Accounts.SaveGuestHold(hold, Noon);

        Accounts.RemoveGuestHold("pete", "session-b");
        Assert.Equal([hold], Accounts.GuestHolds());

        Accounts.RemoveGuestHold("Pete", "session-a");
        Assert.Empty(Accounts.GuestHolds());
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _store?.Dispose();
        }
    }
}
