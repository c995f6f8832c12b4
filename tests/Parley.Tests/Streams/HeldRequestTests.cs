using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Parley.Streams;

namespace Parley.Tests.Streams;

/// <summary>An open stream lives for hours: it keeps nothing of its request that it will not read again.</summary>
public sealed class HeldRequestTests
{
    [Fact]
    public void An_open_stream_holds_neither_the_cookie_header_nor_the_cookies_parsed_from_it()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "parley_session=sealed-ticket; theme=dark";
        Assert.Equal("sealed-ticket", context.Request.Cookies["parley_session"]); // parsed, as authentication leaves it

        HeldRequest.ForgetCookies(context);

        Assert.Equal(0, context.Request.Headers.Cookie.Count);
        Assert.Null(context.Features.Get<IRequestCookiesFeature>());
        Assert.Empty(context.Request.Cookies);
    }
}
