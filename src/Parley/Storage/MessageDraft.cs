namespace Parley.Storage;

/// <summary>A message accepted but not yet stored: it has no id until its commit gives it one.</summary>
/// <param name="ForMailbox">The recipient was offline: the message also waits in its mailbox.</param>
public sealed record MessageDraft(string From, string To, string Text, DateTimeOffset SentAt, bool ForMailbox);
