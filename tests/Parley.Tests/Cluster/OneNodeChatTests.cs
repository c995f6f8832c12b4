using Parley.Tests.Infrastructure;

namespace Parley.Tests.Cluster;

/// <summary>The specification on one node in memory, every entry point the same server: the in-process backplane.</summary>
public sealed class OneNodeChatTests : OneChatSpecification
{
    protected override async Task<ChatNodes> StartAsync(int count, IDictionary<string, string?>? settings = null)
    {
        var server = await ParleyServer.StartAsync(settings);
        return new ChatNodes([.. Enumerable.Repeat(server, count)]);
    }
}
