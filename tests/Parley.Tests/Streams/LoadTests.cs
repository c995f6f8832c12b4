namespace Parley.Tests.Streams;

/// <summary>
/// The load-shaped tests run one at a time after the rest: on two cores, other tests' servers beside them
/// would only starve their readers and make a healthy stream look slow.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTests
{
    public const string Name = "Load";
}
