namespace Parley.Tests.BadInput.Fuzz;

/// <summary>Choices drawn from the run's one seeded <see cref="Random"/>, so a seed replays the same requests.</summary>
internal static class FuzzRandom
{
    public static T Pick<T>(this Random random, params T[] choices) => choices[random.Next(choices.Length)];

    /// <summary>True about once in <paramref name="times"/>.</summary>
    public static bool OneIn(this Random random, int times) => random.Next(times) == 0;
}
