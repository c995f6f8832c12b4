namespace Parley.Tests.Deploy;

/// <summary>The repository the tests were built from: the deploy files are tested as committed, in place.</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>Parley.slnx</c>, above the test assembly's output folder.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Parley.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Parley.slnx above {AppContext.BaseDirectory}");
    }
}
