namespace Parley.Chat;

/// <summary>A message the hub accepted. <paramref name="To"/> is a nick or <see cref="Nick.All"/>.</summary>
public sealed record ChatMessage(long Id, string From, string To, string Text, DateTimeOffset SentAt)
{
    public bool IsBroadcast => Nick.IsAll(To);
}
