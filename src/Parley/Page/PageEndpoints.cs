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
    private static ManifestEmbeddedFileProvider Files => new(typeof(PageEndpoints).Assembly, "wwwroot");

    /// <summary>Serves <c>GET /</c> from memory; goes first in the pipeline, before anything that would cost it time.</summary>
    public static IApplicationBuilder UsePageFromMemory(this IApplicationBuilder app)
    {
        var page = new PageFromMemory(Files.GetFileInfo("index.html"));
        return app.Use((context, next) => PageFromMemory.Handles(context.Request) ? page.ServeAsync(context) : next(context));
    }

    public static IApplicationBuilder UseChatPage(this IApplicationBuilder app)
    {
        var files = Files;
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".html"] = PageHeaders.HtmlContentType;
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
                    OnPrepareResponse = file => PageHeaders.Apply(file.Context.Response.Headers),
                }));
        return app;
    }
}
