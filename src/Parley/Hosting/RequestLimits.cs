using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Parley.Chat;

namespace Parley.Hosting;

internal static class RequestLimits
{
    /// <summary>
    /// A seed send carries its text in the request line, percent-encoded: up to nine characters per
    /// character of text (%E2%82%AC). Kestrel's 8 KB default would refuse long texts with a bare 414
    /// before Parley could say why, so the line limit follows the text limit. Over HTTP/2 the target is the
    /// <c>:path</c> header, which Kestrel holds to 16 KB (its HPACK field limit) and refuses past that by closing the
    /// whole connection with COMPRESSION_ERROR, every other stream on it included: that limit follows the text too.
    /// </summary>
    public static IServiceCollection AddRequestLimitsFromChatOptions(this IServiceCollection services)
    {
        // Kestrel reads only endpoints and certificates from its configuration section, not its limits:
        // without this, Kestrel:Limits:MaxRequestBodySize (65536 in ParleyDefaults) would be ignored.
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, configuration) =>
        {
            configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);
            kestrel.Limits.MinRequestBodyDataRate = BodyDataRate(configuration.GetSection("Kestrel:Limits:MinRequestBodyDataRate"), kestrel.Limits.MinRequestBodyDataRate);
        });
        services.AddSingleton<IPostConfigureOptions<KestrelServerOptions>, RequestLineFitsText>();
        return services;
    }

    /// <summary>
    /// MinDataRate has no setters, so the binder leaves it as it is: its two keys are read here. Kestrel's default
    /// (240 bytes per second after 5 s) stays unless a key is set.
    /// </summary>
    private static MinDataRate? BodyDataRate(IConfigurationSection section, MinDataRate? current) => section.Exists()
        ? new MinDataRate(
            section.GetValue("BytesPerSecond", current?.BytesPerSecond ?? 240),
            section.GetValue("GracePeriod", current?.GracePeriod ?? TimeSpan.FromSeconds(5)))
        : current;

    private sealed class RequestLineFitsText(IOptions<ChatOptions> chat) : IPostConfigureOptions<KestrelServerOptions>
    {
        public void PostConfigure(string? name, KestrelServerOptions options)
        {
            var needed = (chat.Value.MaxTextLength * 9) + 1024;
            options.Limits.MaxRequestLineSize = Math.Max(options.Limits.MaxRequestLineSize, needed);
            options.Limits.MaxRequestHeadersTotalSize = Math.Max(options.Limits.MaxRequestHeadersTotalSize, needed);
            options.Limits.Http2.MaxRequestHeaderFieldSize = Math.Max(options.Limits.Http2.MaxRequestHeaderFieldSize, needed);
        }
    }
}
