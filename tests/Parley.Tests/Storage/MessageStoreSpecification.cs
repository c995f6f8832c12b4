using Parley.Chat;
using Parley.Storage;

namespace Parley.Tests.Storage;

/// <summary>
/// What every <see cref="IMessageStore"/> does, whatever keeps the messages: each implementation runs all of it
/// through a subclass that says how to make a new, empty one. The memory store is the reference.
/// </summary>
public abstract partial class MessageStoreSpecification : IDisposable
{
    /// <summary>When the messages of a test are sent, unless the test is about time.</summary>
    protected static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Quotas larger than any test fills, for the tests that are not about them.</summary>
    protected static readonly MailboxQuotas Roomy = new(PerRecipient: 100, PerSender: 100, BytesPerSender: 1_000_000, ForGuests: 100, BytesForGuests: 1_000_000);

    private IMessageStore? _store;

    /// <summary>The store under test: new and empty, opened on first use, disposed after the test.</summary>
    protected IMessageStore Store
    {
        get
        {
            if (_store is null)
            {
                _store = CreateStore();
                _store.Open();
            }

            return _store;
        }
    }

    /// <summary>A new, empty store, not yet opened.</summary>
    protected abstract IMessageStore CreateStore();

    protected static MessageDraft Broadcast(string from, string text, DateTimeOffset? sentAt = null) =>
        new(from, Nick.All, text, sentAt ?? Noon, ForMailbox: false);

    protected static MessageDraft Direct(string from, string to, string text, DateTimeOffset? sentAt = null) =>
        new(from, to, text, sentAt ?? Noon, ForMailbox: false);

    /// <summary>A direct message to a nick that is offline: it also waits in that nick's mailbox.</summary>
    protected static MessageDraft ForMailbox(string from, string to, string text, DateTimeOffset? sentAt = null) =>
        new(from, to, text, sentAt ?? Noon, ForMailbox: true);

    /// <summary>Quotas that leave only <paramref name="perRecipient"/> room per recipient.</summary>
    protected static MailboxQuotas PerRecipient(int perRecipient) => Roomy with { PerRecipient = perRecipient };

    /// <summary>Commits <paramref name="drafts"/> as one batch that no quota refuses.</summary>
    protected IReadOnlyList<ChatMessage> Append(params MessageDraft[] drafts) =>
        [.. Store.Append(drafts, Roomy).Select(appended => appended.Message ?? throw new InvalidOperationException($"refused: {appended.Refusal}"))];

    /// <summary>Each draft's id, or null where it was refused.</summary>
    protected static IEnumerable<long?> IdsOrRefused(IEnumerable<Appended> appended) => appended.Select(each => each.Message?.Id);

    protected static IEnumerable<string> Texts(IEnumerable<ChatMessage> messages) => messages.Select(message => message.Text);

    protected static IEnumerable<long> Ids(IEnumerable<ChatMessage> messages) => messages.Select(message => message.Id);

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
