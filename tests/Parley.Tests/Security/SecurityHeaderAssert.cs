using System.Net.Http.Headers;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

/// <summary>The three headers every answer carries, compared exactly.</summary>
internal static class SecurityHeaderAssert
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Present(RawResponse response, string what) => Assert.True(
        (response.Header("Content-Security-Policy"), response.Header("X-Content-Type-Options"), response.Header("Referrer-Policy"))
            == (Policy, "nosniff", "no-referrer"),
        $"{what} answered {response.Status} without the security headers: {string.Join(" | ", response.Headers)}");

    public static void Present(HttpResponseHeaders headers, string what) => Assert.True(
        (One(headers, "Content-Security-Policy"), One(headers, "X-Content-Type-Options"), One(headers, "Referrer-Policy"))
            == (Policy, "nosniff", "no-referrer"),
        $"{what} answered without the security headers: {headers}");

    private static string? One(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
