namespace Parley.Hosting;

/// <summary>Origins as a browser writes them in its <c>Origin</c> header: lower-case scheme and host, the port only when it is not the scheme's default.</summary>
internal static class Origins
{
    /// <summary>The origin as a browser would send it, or null for anything that is not an http(s) origin alone.</summary>
    public static string? Normalize(string? origin) =>
        Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    /// <summary>The origin of the page this server serves for <paramref name="request"/>: its scheme and its Host header.</summary>
    public static string OwnOf(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}";
}
