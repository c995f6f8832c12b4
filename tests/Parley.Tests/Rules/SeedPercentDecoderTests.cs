using Parley.Seed;

namespace Parley.Tests.Rules;

public sealed class SeedPercentDecoderTests
{
    [Theory]
    [InlineData("john%20hello", "john hello")]
    [InlineData("mary%20caf%C3%A9", "mary café")] // encodeURIComponent: UTF-8
    [InlineData("mary%20caf%E9", "mary café")] // escape(): Latin-1
    [InlineData("mary%20%u20AC5", "mary €5")] // escape(): %uXXXX
    [InlineData("mary%201+1", "mary 1+1")] // a plus is a plus
    [InlineData("mary%201/2", "mary 1/2")]
    [InlineData("plain", "plain")]
    [InlineData("%F0%9F%98%80", "😀")]
    public void Decodes_what_escape_and_encodeURIComponent_produce(string encoded, string expected) =>
        Assert.Equal(expected, SeedPercentDecoder.Decode(encoded));

    [Theory]
    [InlineData("john%zzhello")]
    [InlineData("john%2")]
    [InlineData("john%")]
    [InlineData("john%u20")]
    public void A_percent_without_two_hex_digits_is_refused(string encoded) =>
        Assert.Null(SeedPercentDecoder.Decode(encoded));
}
