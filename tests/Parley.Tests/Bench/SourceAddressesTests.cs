using System.Net;
using Parley.Bench.Cli;
using Parley.Bench.Streams;

namespace Parley.Tests.Bench;

public sealed class SourceAddressesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(10_000, 1)]
    [InlineData(20_000, 1)]
    [InlineData(20_001, 2)]
    [InlineData(100_000, 5)]
    public void Left_to_the_tool_one_address_serves_up_to_twenty_thousand_sockets(int sockets, int addresses)
    {
        Assert.Equal(addresses, SourceAddresses.Choose(0, sockets, serverOnLoopback: true).Count);
    }

    [Fact]
    public void Sockets_take_127_0_0_1_and_up_in_turn()
    {
        var sources = SourceAddresses.Choose(3, 10, serverOnLoopback: true);

        Assert.Equal(
            ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.1", "127.0.0.2"],
            Enumerable.Range(0, 5).Select(i => sources.For(i)!.ToString()));
    }

    [Fact]
    public void A_server_off_loopback_gets_the_systems_choice_of_source()
    {
        var sources = SourceAddresses.Choose(0, 10_000, serverOnLoopback: false);

        Assert.Equal(1, sources.Count);
        Assert.Null(sources.For(0));
    }

    [Fact]
    public void Several_addresses_for_a_server_off_loopback_are_a_usage_error()
    {
        var error = Assert.Throws<BenchUsageException>(() => SourceAddresses.Choose(2, 10, serverOnLoopback: false));

        Assert.Contains("127.0.0.x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_address_is_the_usual_loopback_address()
    {
        Assert.Equal(IPAddress.Loopback, SourceAddresses.Choose(0, 1, serverOnLoopback: true).For(0));
    }
}
