using Parley.Storage;

namespace Parley.Tests.Storage;

public sealed class MemoryMessageStoreTests : MessageStoreSpecification
{
    protected override IMessageStore CreateStore() => new MemoryMessageStore();
}
