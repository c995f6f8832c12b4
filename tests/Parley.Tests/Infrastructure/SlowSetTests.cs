using System.Reflection;
using Parley.Tests.Browser;
using Parley.Tests.Streams;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// The fast set (<c>dotnet test --filter "Category!=Slow"</c>) stays under a minute only if what is slow by its nature says
/// so: every browser test and every load-shaped test (the ones that run alone) carries <c>[Trait("Category", "Slow")]</c>.
/// </summary>
public sealed class SlowSetTests
{
    [Fact]
    public void Every_browser_test_is_in_the_slow_set() => Assert.Empty(FastTestsOf(type =>
        InCollection(type, SharedChromium.Name) || type.GetConstructors().Any(constructor => constructor.GetParameters().Any(parameter => parameter.ParameterType == typeof(Chromium)))));

    [Fact]
    public void Every_load_test_is_in_the_slow_set() => Assert.Empty(FastTestsOf(type => InCollection(type, LoadTests.Name)));

    /// <summary>The test methods, as <c>Class.Method</c>, of the classes chosen that are neither marked slow themselves nor in a slow class.</summary>
    private static List<string> FastTestsOf(Func<Type, bool> chosen) =>
    [
        .. typeof(SlowSetTests).Assembly.GetTypes()
            .Where(type => chosen(type) && !IsSlow(type))
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Where(method => method.GetCustomAttributes<FactAttribute>().Any() && !IsSlow(method))
                .Select(method => $"{type.Name}.{method.Name}")),
    ];

    private static bool IsSlow(MemberInfo member) => member.GetCustomAttributesData().Any(attribute =>
        attribute.AttributeType == typeof(TraitAttribute)
        && attribute.ConstructorArguments is [{ Value: "Category" }, { Value: "Slow" }]);

    private static bool InCollection(Type type, string name) => type.GetCustomAttributesData().Any(attribute =>
        attribute.AttributeType == typeof(CollectionAttribute) && attribute.ConstructorArguments is [{ Value: string named }] && named == name);
}
