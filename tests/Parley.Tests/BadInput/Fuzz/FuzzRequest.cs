using System.Text;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>
/// One fuzz request as bytes on the wire, numbered in the order the seed drew it. A random one may get any answer
/// but a 5xx; one made to take or speak for a bystander's nick says which answers it may get and what it tried.
/// </summary>
internal sealed record FuzzRequest(int Number, byte[] Wire, bool EndAfterSending, int[]? Expected = null, string? Claim = null)
{
    /// <summary>Its head as sent, shortened, and the size of what followed: enough to recognise it in a failure message.</summary>
    public string Summary
    {
        get
        {
            var headEnd = Wire.AsSpan().IndexOf("\r\n\r\n"u8);
            var head = Encoding.UTF8.GetString(Wire, 0, headEnd < 0 ? Wire.Length : headEnd).Replace("\r\n", " | ", StringComparison.Ordinal);
            var shown = head.Length > 300 ? head[..300] + $"…({head.Length} chars)" : head;
            return $"#{Number}: {(Claim is null ? "" : Claim + ": ")}{shown} + {Wire.Length - headEnd - 4} bytes{(EndAfterSending ? ", then half-closed" : "")}";
        }
    }
}
