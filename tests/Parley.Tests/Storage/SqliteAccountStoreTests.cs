using Microsoft.Extensions.Logging.Abstractions;
using Parley.Storage;
using Parley.Storage.Sqlite;

namespace Parley.Tests.Storage;

/// <summary>The account specification on a new <c>parley.db</c> in a folder of its own per test.</summary>
public sealed class SqliteAccountStoreTests : AccountStoreSpecification
{
    private readonly TempDataFolder _folder = new();

    protected override IMessageStore CreateStore() => new SqliteMessageStore(_folder.DataFolder, NullLogger<SqliteMessageStore>.Instance);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing); // the store first: the folder goes once the file is closed
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}
