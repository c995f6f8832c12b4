using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Parley.Streams;

namespace Parley.Page;

/// <summary>
/// The chat page: static files embedded in the assembly, with MIME types, ETag and Last-Modified from the
/// static file middleware. The seed answered <c>GET /</c> with its page; so does this.
/// </summary>
public static class PageEndpoints
{
    // No inline script or style anywhere in the page, so the policy can forbid both.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseChatPage(this IApplicationBuilder app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(PageEndpoints).Assembly, "wwwroot");
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".html"] = "text/html; charset=UTF-8"; // the seed's exact header
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";

        // An event-stream request is a login, even for a nick that looks like a file name; only / is
        // always the page, as the seed checked for "GET / " first.
        app.UseWhen(
            context => context.Request.Path == "/" || !context.Request.AcceptsEventStream(),
            page => page
                .UseDefaultFiles(new DefaultFilesOptions { FileProvider = files })
                .UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = files,
                    ContentTypeProvider = types,
                    OnPrepareResponse = file =>
                    {
                        var headers = file.Context.Response.Headers;
                        headers.ContentSecurityPolicy = ContentSecurityPolicy;
                        headers.XContentTypeOptions = "nosniff";
                        headers.CacheControl = "no-cache"; // revalidate with the ETag: a new release shows at once
                    },
                }));
        return app;
    }
}
