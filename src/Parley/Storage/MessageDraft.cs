namespace Parley.Storage;

/// <summary>A message accepted but not yet stored: it has no id until its commit gives it one.</summary>
/// <param name="ForMailbox">The recipient was offline: the message also waits in its mailbox.</param>
/// <param name="RecipientRegistered">
/// For a mailbox draft, whether the recipient is a registered nick: if not, the message counts against the guests'
/// quota (<see cref="MailboxQuotas.ForGuests"/>) for as long as it waits, even if the nick is registered meanwhile.
/// </param>
public sealed record MessageDraft(string From, string To, string Text, DateTimeOffset SentAt, bool ForMailbox, bool RecipientRegistered = false);
