using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Protection;

namespace Parley.Tests.Protection;

/// <summary>The shipped <see cref="LimitOptions"/> as the server would get them, for the limiters' unit tests.</summary>
internal static class LimitSettings
{
    public static IOptionsMonitor<LimitOptions> Shipped() =>
        new ServiceCollection().AddOptions().BuildServiceProvider().GetRequiredService<IOptionsMonitor<LimitOptions>>();
}
