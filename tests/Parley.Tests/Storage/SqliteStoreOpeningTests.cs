using Microsoft.Extensions.Logging.Abstractions;
using Parley.Storage;
using Parley.Storage.Sqlite;

namespace Parley.Tests.Storage;

/// <summary>
/// A store that cannot be what it should be refuses to open, says which path is wrong and what to do, and leaves
/// whatever it found there as it was: never a fresh, empty database in place of the messages someone expected.
/// </summary>
public sealed class SqliteStoreOpeningTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    [Fact]
    public void A_missing_data_folder_is_created_with_the_database_in_it()
    {
        var nested = Path.Combine(_folder.Root, "not", "yet", "there");

        using var store = new SqliteMessageStore(nested, NullLogger<SqliteMessageStore>.Instance);
        store.Open();

        Assert.True(File.Exists(Path.Combine(nested, "parley.db")));
    }

    [Fact]
    public void A_data_folder_that_cannot_be_created_is_refused_by_name()
    {
        // Under a regular file no folder can be made, not even by root (whom permission bits do not stop).
        var file = Path.Combine(_folder.Root, "a-file");
        File.WriteAllText(file, "not a folder");
        var folder = Path.Combine(file, "data");

        var refusal = OpenFails(folder);

        Assert.Contains($"The data folder {folder} cannot be created", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("choose another data folder", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_folder_where_no_file_can_be_created_is_refused_by_name()
    {
        // A folder that exists but takes no new file, even from root: the kernel's own, under /proc.
        var refusal = OpenFails("/proc/self");

        Assert.Contains("/proc/self/parley.db cannot be opened for writing", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Make the folder /proc/self (and parley.db in it, if there) writable", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_named_parley_db_is_refused_and_left_as_it_was()
    {
        const string notes = "Shopping list\n- milk\n- bread\n- a new name for this file\n";
        Directory.CreateDirectory(_folder.DataFolder);
        File.WriteAllText(_folder.DatabaseFile, notes);

        var refusal = OpenFails(_folder.DataFolder);

        Assert.Contains($"{_folder.DatabaseFile} is not a SQLite database", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("move it away or choose another data folder", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(notes, File.ReadAllText(_folder.DatabaseFile));
    }

    [Fact]
    public void Another_applications_SQLite_database_is_refused_and_left_as_it_was()
    {
        Directory.CreateDirectory(_folder.DataFolder);
        SqliteFile.Execute(_folder.DatabaseFile, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('bread');");

        var refusal = OpenFails(_folder.DataFolder);

        Assert.Contains($"{_folder.DatabaseFile} is a SQLite database of another application (application id 0x00000000", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("bread", SqliteFile.Scalar(_folder.DatabaseFile, "SELECT name FROM recipes;"));
        Assert.Equal("delete", SqliteFile.Scalar(_folder.DatabaseFile, "PRAGMA journal_mode;")); // not switched to WAL
        Assert.Equal(0L, SqliteFile.Scalar(_folder.DatabaseFile, "PRAGMA user_version;"));
    }

    [Fact]
    public void A_database_marked_with_another_application_id_is_refused()
    {
        Directory.CreateDirectory(_folder.DataFolder);
        SqliteFile.Execute(_folder.DatabaseFile, "PRAGMA application_id = 0x0F055130;");

        var refusal = OpenFails(_folder.DataFolder);

        Assert.Contains("another application (application id 0x0F055130, not Parley's 0x50726C79)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_newer_than_this_build_knows_is_refused_and_left_as_it_was()
    {
        using (var store = new SqliteMessageStore(_folder.DataFolder, NullLogger<SqliteMessageStore>.Instance))
        {
            store.Open();
        }

        var newer = SqliteMigrations.Latest + 1;
        SqliteFile.Execute(_folder.DatabaseFile, $"PRAGMA user_version = {newer};");

        var refusal = OpenFails(_folder.DataFolder);

        Assert.Contains(
            $"{_folder.DatabaseFile} has schema version {newer}, newer than version {SqliteMigrations.Latest} that this build of Parley knows",
            refusal.Message,
            StringComparison.Ordinal);
        Assert.Equal((long)newer, SqliteFile.Scalar(_folder.DatabaseFile, "PRAGMA user_version;"));
    }

    public void Dispose() => _folder.Dispose();

    private static StoreUnavailableException OpenFails(string folder)
    {
        using var store = new SqliteMessageStore(folder, NullLogger<SqliteMessageStore>.Instance);
        return Assert.Throws<StoreUnavailableException>(store.Open);
    }
}
