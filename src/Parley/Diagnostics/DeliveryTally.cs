using Parley.Chat;

namespace Parley.Diagnostics;

/// <summary>What one stream wrote since its last flush, counted by a writer loop without touching a shared counter.</summary>
internal struct DeliveryTally
{
    public int ToAll;
    public int Direct;
    public int Presence;

    public void Count(ChatEvent written)
    {
        switch (written)
        {
            case MessageEvent { Message.IsBroadcast: true }:
                ToAll++;
                break;
            case MessageEvent:
                Direct++;
                break;
            case Joined or Left:
                Presence++;
                break;
        }
    }

    public readonly bool IsEmpty => ToAll + Direct + Presence == 0;
}
