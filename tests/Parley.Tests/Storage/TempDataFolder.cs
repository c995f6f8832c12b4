namespace Parley.Tests.Storage;

/// <summary>A throwaway folder per test; the store's data folder inside it does not exist until the store makes it.</summary>
internal sealed class TempDataFolder : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("parley-store-");

    public string Root => _root.FullName;

    public string DataFolder => Path.Combine(Root, "data");

    public string DatabaseFile => Path.Combine(DataFolder, "parley.db");

    public void Dispose() => _root.Delete(recursive: true);
}
