using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Parley.Hosting;

/// <summary>
/// Who may talk to Parley from elsewhere, bound from <c>Parley:Security</c>. Every list is empty by default: no foreign
/// page may send or open a stream, CORS stays closed, and no client's X-Forwarded-For is believed.
/// </summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "Parley:Security";

    /// <summary>
    /// Origins (<c>https://chat.example.com</c>, scheme, host and port only) whose pages may send, open streams and read the
    /// API's answers (CORS, with credentials) besides the server's own.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (<c>10.0.0.0/8</c>) of reverse proxies whose forwarded headers are believed.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool TrustsProxies => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins.Where(origin => Origins.Normalize(origin) is null))
        {
            yield return new ValidationResult(
                $"'{origin}' is not an origin: write scheme, host and an optional port, as in https://chat.example.com",
                [nameof(AllowedOrigins)]);
        }

        foreach (var proxy in KnownProxies.Where(proxy => !IPAddress.TryParse(proxy, out _)))
        {
            yield return new ValidationResult($"'{proxy}' is not an IP address", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(network => !IPNetwork.TryParse(network, out _)))
        {
            yield return new ValidationResult($"'{network}' is not a network in CIDR notation, as in 10.0.0.0/8", [nameof(KnownNetworks)]);
        }
    }
}
