using Parley.Storage;

namespace Parley.Tests.Storage;

public sealed class MemoryAccountStoreTests : AccountStoreSpecification
{
    protected override IMessageStore CreateStore() => new MemoryMessageStore();
}
