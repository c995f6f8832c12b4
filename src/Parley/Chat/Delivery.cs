namespace Parley.Chat;

/// <summary>
/// An event queued for one stream. The sequence is written per stream as the SSE <c>id:</c>, apart from the
/// shared bytes, so that it can become a per-nick sequence kept by a durable store.
/// </summary>
public readonly record struct Delivery(long Sequence, OutboundEvent Event);
