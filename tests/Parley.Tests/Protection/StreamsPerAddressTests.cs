using System.Net;
using Parley.Tests.Api;
using Parley.Tests.BadInput;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Protection;

/// <summary>Streams per client address, every nick and both protocols together (Parley:Limits:MaxStreamsPerAddress, 2 here).</summary>
public sealed class StreamsPerAddressTests
{
    private const string TooManyStreams =
        "this client address already has 2 open streams, the most allowed (setting Parley:Limits:MaxStreamsPerAddress)";

    private static readonly Dictionary<string, string?> TwoPerAddress = new() { ["Parley:Limits:MaxStreamsPerAddress"] = "2" };

    [Fact]
    public async Task A_third_stream_from_an_address_is_refused_with_429_whatever_its_nick()
    {
        await using var server = await ParleyServer.StartAsync(TwoPerAddress, shippingLimits: true);
        using var client = LoopbackClient.Create(server.BaseAddress, "127.0.0.2");
        await using var ann = await SeedClient.LoginAsync(client, "ann");
        await using var bob = await ApiClient.LoginAsync(client, "bob");

        using var refused = await client.GetAsync(ApiClient.EventsPath("cid"), TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

        await Refusal.AssertProblemAsync(refused, 429, $$"""{"title":"Limit reached","status":429,"detail":"{{TooManyStreams}}"}""");
    }

    [Fact]
    public async Task A_seed_stream_over_the_address_limit_is_refused_as_text()
    {
        await using var server = await ParleyServer.StartAsync(TwoPerAddress, shippingLimits: true);
        using var client = LoopbackClient.Create(server.BaseAddress, "127.0.0.1");
        await using var ann = await SeedClient.LoginAsync(client, "ann");
        await using var bob = await SeedClient.LoginAsync(client, "bob");

        var refused = await RawHttp.GetAsync(server.BaseAddress, "/cid", "Accept: text/event-stream");

        Refusal.AssertSeed(refused, 429, TooManyStreams);
    }

    [Fact]
    public async Task Another_address_opens_streams_while_one_is_at_its_limit()
    {
        await using var server = await ParleyServer.StartAsync(TwoPerAddress, shippingLimits: true);
        using var full = LoopbackClient.Create(server.BaseAddress, "127.0.0.2");
        using var other = LoopbackClient.Create(server.BaseAddress, "127.0.0.3");
        await using var ann = await SeedClient.LoginAsync(full, "ann");
        await using var bob = await SeedClient.LoginAsync(full, "bob");

        await using var cid = await SeedClient.LoginAsync(other, "cid");

        await Streams.Send.ViaSeedAsync(other, "cid", "all", "still here");
        Assert.Equal(
            ["bob has joined.", "cid has joined.", "cid to all: still here"],
            await ann.NextDataAsync(3));
    }

    [Fact]
    public async Task A_closed_stream_gives_its_address_room_for_another()
    {
        await using var server = await ParleyServer.StartAsync(TwoPerAddress, shippingLimits: true);
        using var client = LoopbackClient.Create(server.BaseAddress, "127.0.0.2");
        await using var ann = await SeedClient.LoginAsync(client, "ann");
        var bob = await SeedClient.LoginAsync(client, "bob");
        await bob.DisposeAsync();
        Assert.Equal(["bob has joined.", "bob has left."], await ann.NextDataAsync(2));

        await using var cid = await SeedClient.LoginAsync(client, "cid");

        Assert.Equal("data: cid has joined.", await ann.NextEventAsync());
    }
}
