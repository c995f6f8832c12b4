using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Chat;

namespace Parley.Protection;

/// <summary>
/// The send rate limits: a token bucket per client address and per nick, each counted in messages and in UTF-8
/// bytes of text, so one flooding client costs nobody else a message or their stream. Both protocols reach it
/// through <see cref="MessageIntake"/>, after the rules: a send that is invalid anyway spends no tokens.
/// </summary>
public sealed class SendLimiter(IOptionsMonitor<LimitOptions> options) : IDisposable
{
    private readonly SendBuckets _addressMessages = new(options, SendBuckets.Kind.Messages, StringComparer.Ordinal);
    private readonly SendBuckets _addressBytes = new(options, SendBuckets.Kind.Bytes, StringComparer.Ordinal);
    private readonly SendBuckets _nickMessages = new(options, SendBuckets.Kind.Messages, Nick.Comparer);
    private readonly SendBuckets _nickBytes = new(options, SendBuckets.Kind.Bytes, Nick.Comparer);

    /// <summary>Spends one message and the text's bytes from each bucket of the sender, or says which bucket refused and when to retry.</summary>
    /// <param name="address">The client's address; null (a Unix socket, an in-process caller) leaves only the nick's buckets.</param>
    public Rejection? TryAcquire(string from, IPAddress? address, string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        var burstBytes = options.CurrentValue.SendBurstBytes;
        if (bytes > burstBytes)
        {
            // A bucket can never hold this much, so waiting would not help: a 400, like a text that is too long.
            return new Rejection(
                RejectionKind.Invalid,
                "text",
                $"the text is {bytes} bytes of UTF-8, more than the {burstBytes} one burst of sends may carry (setting Parley:Limits:SendBurstBytes)");
        }

        // The address first: a client spraying random nicks is stopped there and never makes a bucket per nick. A
        // bucket that refuses keeps what the buckets before it spent; a refused send still cost the server a request.
        return ClientAddress.KeyOf(address) is { } key
            ? _addressMessages.TryTake(key, 1, "address", "this client address")
                ?? _addressBytes.TryTake(key, bytes, "address", "this client address")
                ?? TakeFromNick(from, bytes)
            : TakeFromNick(from, bytes);
    }

    public void Dispose()
    {
        _addressMessages.Dispose();
        _addressBytes.Dispose();
        _nickMessages.Dispose();
        _nickBytes.Dispose();
    }

    private Rejection? TakeFromNick(string from, int bytes) =>
        _nickMessages.TryTake(from, 1, "from", $"the nick '{from}'") ?? _nickBytes.TryTake(from, bytes, "from", $"the nick '{from}'");
}
