namespace Parley.Tests.Durability;

/// <summary>A fresh data folder for one test, removed after it.</summary>
internal sealed class DataFolder : IDisposable
{
    public DataFolder() => Directory.CreateDirectory(Path);

    /// <summary>
    /// Where a server on this folder listens, the same after a restart, as behind a fixed URL: the test's guest sessions,
    /// kept per address, follow it there.
    /// </summary>
    public Uri Url { get; } = Infrastructure.ParleyServer.FreeLoopbackUrl();

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "parley-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>Settings for an in-process server that keeps its messages here, in SQLite.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Parley:Store:DataDir"] = Path };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
