namespace Parley.Tests.Infrastructure;

/// <summary>
/// A program from a Debian package that a test starts itself (nginx, systemd-analyze, redis-server). Where it is
/// missing the test skips, naming the package; under CI (<c>CI=true</c>), which installs every such package (.ci/run),
/// it fails instead.
/// </summary>
public static class DebianProgram
{
    /// <summary>The first of <paramref name="paths"/> that exists, else <paramref name="name"/> on PATH; null when neither.</summary>
    public static string? Find(string name, params string[] paths) =>
        paths.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The program's path; skips the calling test (fails it when CI=true) when it is not installed.</summary>
    public static string Require(string name, string package, params string[] paths) =>
        Find(name, paths) ?? Missing($"{name} is not installed (Debian package {package})");

    /// <summary>Skips the calling test with <paramref name="reason"/>, or fails it when CI=true: CI must have what it names.</summary>
    public static string Missing(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + " (CI=true: CI must have it)");
        }

        Assert.Skip(reason);
        return null!; // unreachable: Assert.Skip throws
    }
}
