using Microsoft.Extensions.Options;

namespace Parley.Chat;

/// <summary>The seed's behaviour: waiting messages live in memory and a restart loses them.</summary>
public sealed class InMemoryOfflineMailbox(IOptions<ChatOptions> options) : IOfflineMailbox
{
    private readonly Dictionary<string, List<ChatMessage>> _waiting = new(Nick.Comparer);
    private readonly Lock _gate = new();

    public bool TryKeep(string nick, ChatMessage message)
    {
        lock (_gate)
        {
            if (!_waiting.TryGetValue(nick, out var messages))
            {
                _waiting.Add(nick, messages = []);
            }

            if (messages.Count >= options.Value.MaxStoredPerNick)
            {
                return false;
            }

            messages.Add(message);
            return true;
        }
    }

    public IReadOnlyList<ChatMessage> TakeAll(string nick)
    {
        lock (_gate)
        {
            return _waiting.Remove(nick, out var messages) ? messages : [];
        }
    }
}
